/**
 * The version of `sinch`, in a module of its own that imports nothing, so that `sinch --version`
 * answers without loading the command tree.
 *
 * @internal
 */
export const version = "0.2.0"
