import vm from 'node:vm';

// The JavaScript realm one execution of the bundle runs in, no kinder than Apps Script's V8 is
// documented to be: time-zone names from Intl (`timeZoneName`, e.g. "longOffset") refuse, as
// they may there (the add-on formats times with Utilities.formatDate), and loading the script may
// set no global beyond its declared functions and the `global` alias the build writes.

const intlWithoutZoneNames = `(function () {
  var refuse = function (options) {
    if (options !== null && typeof options === 'object' && options.timeZoneName !== undefined)
      throw new RangeError('timeZoneName is not available in this runtime: format times with Utilities.formatDate');
  };
  var Original = Intl.DateTimeFormat;
  var DateTimeFormat = function DateTimeFormat(locales, options) {
    refuse(options);
    return new Original(locales, options);
  };
  DateTimeFormat.prototype = Original.prototype;
  DateTimeFormat.supportedLocalesOf = Original.supportedLocalesOf;
  Object.defineProperty(Intl, 'DateTimeFormat', { value: DateTimeFormat, writable: true, configurable: true });
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (name) {
    var original = Date.prototype[name];
    Object.defineProperty(Date.prototype, name, {
      value: function (locales, options) { refuse(options); return original.call(this, locales, options); },
      writable: true,
      configurable: true,
    });
  });
})();`;

/** A fresh context for one execution, its Intl limited as above. */
export function createScriptRealm(): vm.Context {
  const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
  vm.runInContext(intlWithoutZoneNames, context);
  return context;
}

/** Runs the bundle's top level; refuses it when loading set a global the script does not declare. */
export function loadScript(script: vm.Script, context: vm.Context, declared: readonly string[]): void {
  const before = new Set(Object.getOwnPropertyNames(context));
  script.runInContext(context);
  const allowed = new Set([...declared, 'global']);
  const set = Object.getOwnPropertyNames(context).filter((name) => !before.has(name) && !allowed.has(name));
  if (set.length > 0)
    throw new Error(`the add-on's script set ${set.join(', ')} on the global object when loaded: Apps Script documents no such global`);
}
