// The package's API plus `trapForTests`, for the tests of trap recovery
// only: scripts/build-pkg bundles this entry instead of api.js when built
// with FEATURES=test-trap. The shipped package has neither.
import { guarded, glue } from "./module.js";

export * from "./api.js";
export { default } from "./api.js";

/**
 * Makes the module trap, as an undiscovered bug would; with `poison`, every
 * later call into the same instance traps too, until it is replaced.
 * @param {boolean} poison
 */
export function trapForTests(poison) {
  return guarded("trapForTests", () => glue.trapForTests(poison));
}
