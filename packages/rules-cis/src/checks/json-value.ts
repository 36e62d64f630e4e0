// The JSON guards live in core (base/json.ts); this package's checks and rules read them under these names.
export { isJsonObject as isObject, labelMap, stringField, type JsonObject } from '@kubecomply/core';
