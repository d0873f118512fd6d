// Mappers from raw Graph JSON (API responses, or the same objects in exported files, any key casing)
// to the model types of src/core/model. Each returns Result<T> with a Diagnostic per missing/invalid field.

export {
  mapGroup,
  mapRoleAssignment,
  mapRoleDefinition,
  mapRoom,
  mapServicePrincipal,
  mapSubscribedSku,
  mapUser,
} from "./directory.js";
export { compact, isObj, toBool, toStrs } from "./fields.js";
export { camelKey, fromDotNetDate, normalizeKeys, toIsoTime } from "./normalize.js";
export {
  mapAuthenticationMethodsPolicy,
  mapAuthenticationStrength,
  mapNamedLocation,
  mapPolicy,
  mapSecurityDefaults,
} from "./policy.js";
export { mapAuthenticationMethod, mapDirectoryAudit, mapRegistration, mapSignIn } from "./reports.js";
