/**
 * @since 0.2.0
 */
export * as RedisClient from "./RedisClient.js"
/**
 * @since 0.2.0
 */
export * as RedisNonceStore from "./RedisNonceStore.js"
/**
 * @since 0.2.0
 */
export * as RedisTokenStore from "./RedisTokenStore.js"
