import { Config, ConfigError, Either, Redacted } from "effect"

/** A check of one configuration value: `undefined` when valid, else what is wrong (never the value). */
export type Check = (value: string) => string | undefined

const uuidLike = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i
const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export const nonBlank: Check = (value) => {
  if (value.length === 0) return "is empty"
  if (value.trim().length === 0) return "is only whitespace"
  if (value.trim() !== value) return "has leading or trailing whitespace (a copy-paste accident?)"
  return undefined
}

export const uuid: Check = (value) =>
  nonBlank(value) ??
    (uuidLike.test(value)
      ? undefined
      : "is not a UUID-like id (8-4-4-4-12 letters and digits, as shown in the dashboard)")

export const base64: Check = (value) =>
  nonBlank(value) ??
    (value.length % 4 === 0 && strictBase64.test(value)
      ? undefined
      : "is not strict base64 (A-Z, a-z, 0-9, +, / with = padding; copy it again from the dashboard)")

export const oneOf = (...allowed: ReadonlyArray<string>): Check => (value) =>
  allowed.includes(value) ? undefined : `must be one of ${allowed.join(", ")}`

const invalid = (name: string, problem: string) => ConfigError.InvalidData([name], `${name} ${problem}`)

/** Checks a plain value given in code; the error names the variable it stands for. */
export const checkValue = (
  name: string,
  value: string,
  check: Check
): Either.Either<string, ConfigError.ConfigError> => {
  const problem = check(value)
  return problem === undefined ? Either.right(value) : Either.left(invalid(name, problem))
}

/** Checks a secret given in code; the error never contains the secret. */
export const checkSecret = (
  name: string,
  value: string | Redacted.Redacted<string>,
  check: Check
): Either.Either<Redacted.Redacted<string>, ConfigError.ConfigError> => {
  const redacted = Redacted.isRedacted(value) ? value : Redacted.make(value)
  const problem = check(Redacted.value(redacted))
  return problem === undefined ? Either.right(redacted) : Either.left(invalid(name, problem))
}

/** A plain configuration variable with a check. */
export const string = (name: string, check: Check): Config.Config<string> =>
  Config.string(name).pipe(Config.mapOrFail((value) => checkValue(name, value, check)))

/** A secret configuration variable with a check; the value is wrapped in `Redacted` before anything else. */
export const secret = (name: string, check: Check): Config.Config<Redacted.Redacted<string>> =>
  Config.redacted(name).pipe(Config.mapOrFail((value) => checkSecret(name, value, check)))
