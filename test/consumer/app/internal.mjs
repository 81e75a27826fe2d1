// (c) internal modules are not part of the public API: the package's exports close them.
try {
  await import("@sinch-effect/auth-core/internal/tokenProvider")
  console.log("imported")
} catch (error) {
  console.log(error.code)
}
