// Imported first by extension.ts, so this runs before any other module of the bundle: the moment
// the extension's code started to load, on the extension host's clock (performance.now() counts
// from the host process's start). The start-up bench reads it through the test API.
export const MODULE_START_MS = performance.now();
