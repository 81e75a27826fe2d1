/**
 * Phone numbers enabled for Elastic SIP Trunking, and the project's country permissions.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { CountryPermissionBody } from "./bodies.js"
import type { Handler } from "./http.js"
import { decodeBody, json, listReply, notFound, reply } from "./http.js"
import { setIn } from "./model.js"

/**
 * @since 0.1.0
 * @category handlers
 */
export const listPhoneNumbers: Handler = (context, state) => {
  const trunkId = context.request.query.get("sipTrunkId")
  const numbers = [...state.numbers.values()].filter((n) => !trunkId || n.sipTrunkId === trunkId)
  return listReply(context, state, "phoneNumbers", numbers)
}

/**
 * @since 0.1.0
 * @category handlers
 */
export const getPhoneNumber: Handler = (context, state) => {
  const phoneNumber = context.params.phoneNumber!
  const number = state.numbers.get(phoneNumber)
  return reply(
    number === undefined
      ? notFound(`Phone number ${phoneNumber} is not enabled for Elastic SIP Trunking in this project`)
      : json(200, number),
    state
  )
}

/**
 * Not paginated: the reference answers the whole list.
 *
 * @since 0.1.0
 * @category handlers
 */
export const listCountryPermissions: Handler = (_, state) =>
  reply(json(200, { countryPermissions: [...state.countries.values()] }), state)

/**
 * @since 0.1.0
 * @category handlers
 */
export const getCountryPermission: Handler = (context, state) => {
  const isoCode = context.params.isoCode!
  const permission = state.countries.get(isoCode.toUpperCase())
  return reply(
    permission === undefined ? notFound(`No country permission for ${isoCode}`) : json(200, permission),
    state
  )
}

/**
 * Only `enabled` is writable; the other fields are read-only.
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateCountryPermission: Handler = (context, state) => {
  const isoCode = context.params.isoCode!
  const permission = state.countries.get(isoCode.toUpperCase())
  if (permission === undefined) return reply(notFound(`No country permission for ${isoCode}`), state)
  return Either.match(decodeBody(CountryPermissionBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: ({ enabled }) => {
      const updated = { ...permission, enabled }
      return reply(json(200, updated), { ...state, countries: setIn(state.countries, updated.isoCode, updated) })
    }
  })
}
