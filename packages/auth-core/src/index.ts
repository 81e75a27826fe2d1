/**
 * @since 0.1.0
 */
export * as AccessToken from "./AccessToken.js"
/**
 * @since 0.1.0
 */
export * as ApplicationCredentials from "./ApplicationCredentials.js"
/**
 * @since 0.1.0
 */
export * as ApplicationSigning from "./ApplicationSigning.js"
/**
 * @since 0.1.0
 */
export * as AuthError from "./AuthError.js"
/**
 * @since 0.1.0
 */
export * as AuthStrategy from "./AuthStrategy.js"
/**
 * @since 0.1.0
 */
export * as ClockSkew from "./ClockSkew.js"
/**
 * @since 0.1.0
 */
export * as MailgunCredentials from "./MailgunCredentials.js"
/**
 * @since 0.1.0
 */
export * as NonceStore from "./NonceStore.js"
/**
 * @since 0.1.0
 */
export * as ProjectCredentials from "./ProjectCredentials.js"
/**
 * @since 0.1.0
 */
export * as Region from "./Region.js"
/**
 * @since 0.1.0
 */
export * as TokenMetrics from "./TokenMetrics.js"
/**
 * @since 0.2.0
 */
export * as SecretScrub from "./SecretScrub.js"
/**
 * @since 0.1.0
 */
export * as SinchCallback from "./SinchCallback.js"
/**
 * @since 0.1.0
 */
export * as TokenProvider from "./TokenProvider.js"
/**
 * @since 0.1.0
 */
export * as WebhookError from "./WebhookError.js"
/**
 * @since 0.1.0
 */
export * as WebhookVerifier from "./WebhookVerifier.js"
/**
 * @since 0.2.0
 */
export * as TokenStore from "./TokenStore.js"
/**
 * @since 0.3.0
 */
export * as KeyRotation from "./KeyRotation.js"
