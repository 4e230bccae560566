// Page side of the sidebar harness (sidebar-browser.ts): a stand-in for the client half of Apps
// Script's HTML service, installed before the sidebar's own scripts. Plain browser JavaScript.
// `functions` are the callable top-level functions of the add-on bundle.
function installGoogleScriptStandIn(functions) {
  var pending = { count: 0 };
  window.__appsScriptDoublePending = pending;
  function illegal(key) {
    return new TypeError('Failed due to illegal value in property: ' + key);
  }
  // What google.script.run refuses: anything JSON cannot carry as it is (a Date, a function, a node).
  function check(value, key) {
    if (value === null || value === undefined) return;
    var t = typeof value;
    if (t === 'string' || t === 'number' || t === 'boolean') return;
    if (t !== 'object' || value instanceof Date || value instanceof Node) throw illegal(key);
    if (Array.isArray(value)) {
      value.forEach(function (v, i) {
        check(v, String(i));
      });
      return;
    }
    var proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw illegal(key);
    Object.keys(value).forEach(function (k) {
      check(value[k], k);
    });
  }
  // A form passed alone becomes an object of its fields' values (strings), as in Apps Script.
  function formFields(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === 'file' || el.type === 'submit' || el.type === 'button') return;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      var prev = out[el.name];
      out[el.name] = prev === undefined ? el.value : [].concat(prev, el.value);
    });
    return out;
  }
  function runner(state) {
    var r = {
      withSuccessHandler: function (f) {
        return runner(Object.assign({}, state, { success: f }));
      },
      withFailureHandler: function (f) {
        return runner(Object.assign({}, state, { failure: f }));
      },
      withUserObject: function (o) {
        return runner(Object.assign({}, state, { userObject: o }));
      },
    };
    functions.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var payload = args.length === 1 && args[0] instanceof HTMLFormElement ? [formFields(args[0])] : args;
        payload.forEach(function (a, i) {
          check(a, String(i));
        });
        pending.count++;
        window.__appsScriptDoubleRun(name, JSON.stringify(payload)).then(function (answer) {
          // Handlers run as tasks of their own: an error in one is an uncaught page error.
          setTimeout(function () {
            try {
              if (answer.ok) {
                if (state.success) state.success(answer.json === undefined ? undefined : JSON.parse(answer.json), state.userObject);
              } else if (state.failure) {
                state.failure(new Error(answer.message), state.userObject);
              } else {
                console.error('google.script.run.' + name + ' failed and no failure handler was set: ' + answer.message);
              }
            } finally {
              pending.count--;
            }
          });
        });
      };
    });
    return r;
  }
  function host(action) {
    window.__appsScriptDoubleHost(action);
  }
  window.google = {
    script: {
      run: runner({}),
      host: {
        close: function () {
          host('close');
        },
        setHeight: function (h) {
          host('setHeight:' + h);
        },
        setWidth: function (w) {
          host('setWidth:' + w);
        },
        editor: {
          focus: function () {
            host('focus');
          },
        },
        origin: 'https://docs.google.com',
      },
      url: {
        getLocation: function (callback) {
          callback({ hash: '', parameter: {}, parameters: {} });
        },
      },
    },
  };
}

// The share (0…1) of a PNG's pixels that are not white, decoded by the browser itself.
async function appsScriptDoubleInkRatio(base64Png) {
  var bytes = Uint8Array.from(atob(base64Png), function (c) {
    return c.charCodeAt(0);
  });
  var bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  var canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  var ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  var data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  var ink = 0;
  for (var i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink++;
  return ink / (bitmap.width * bitmap.height);
}
window.appsScriptDoubleInkRatio = appsScriptDoubleInkRatio;
