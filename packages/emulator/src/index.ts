/**
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"
/**
 * @since 0.1.0
 */
export * as EmulatorClient from "./EmulatorClient.js"
/**
 * @since 0.1.0
 */
export * as EmulatorControl from "./EmulatorControl.js"
/**
 * @since 0.1.0
 */
export * as EmulatorServer from "./EmulatorServer.js"
/**
 * @since 0.1.0
 */
export * as ProductApi from "./ProductApi.js"
/**
 * @since 0.1.0
 */
export * as Products from "./products/index.js"
