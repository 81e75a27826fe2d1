import { Duration, Option } from "effect"

const seconds = /^\s*(\d+)\s*$/

/**
 * `Retry-After` as delay-seconds or an HTTP-date, relative to `now` (`Clock` millis). A date in the
 * past means "now".
 *
 * @internal
 */
export const parse = (header: string | undefined, now: number): Option.Option<Duration.Duration> => {
  if (header === undefined) return Option.none()
  const match = seconds.exec(header)
  if (match !== null) return Option.some(Duration.seconds(Number(match[1])))
  const date = Date.parse(header)
  if (Number.isNaN(date)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, date - now)))
}
