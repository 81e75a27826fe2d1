/**
 * @since 0.2.0
 */
export * as UndiciHttpClient from "./UndiciHttpClient.js"
