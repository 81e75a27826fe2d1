/**
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"
/**
 * @since 0.1.0
 */
export * as SinchClient from "./SinchClient.js"
/**
 * @since 0.1.0
 */
export * as SinchMetrics from "./SinchMetrics.js"
/**
 * @since 0.1.0
 */
export * as SinchEndpoints from "./SinchEndpoints.js"
/**
 * @since 0.3.0
 */
export * as SinchApi from "./SinchApi.js"
/**
 * @since 0.4.0
 */
export * as AttemptDeadline from "./AttemptDeadline.js"
