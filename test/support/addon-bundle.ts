import { buildAddon } from '../../apps-script/build.ts';

/** Tests load the add-on as it would be pushed: the bundle is built afresh before every run. */
export async function setup(): Promise<void> {
  await buildAddon();
}
