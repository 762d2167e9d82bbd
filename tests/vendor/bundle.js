// The entry point `make vendor` bundles: the validator class the proposal form uses.
export { Validator } from "@cfworker/json-schema";
