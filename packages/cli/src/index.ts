/**
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"
/**
 * @since 0.1.0
 */
export * as CliError from "./CliError.js"
/**
 * @since 0.1.0
 */
export * as Doctor from "./Doctor.js"
/**
 * @since 0.1.0
 */
export * as Start from "./Start.js"
/**
 * @since 0.1.0
 */
export * as Tour from "./Tour.js"
