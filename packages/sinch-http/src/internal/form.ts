import type { FormField } from "../SinchClient.js"

const encoder = new TextEncoder()

/**
 * A form body, encoded once: `application/x-www-form-urlencoded` when every field is text, else
 * `multipart/form-data` (RFC 7578) with a fresh boundary. Repeated names stay repeated, in order.
 *
 * @internal
 */
export const encode = (
  fields: ReadonlyArray<FormField>,
  boundary: () => string = randomBoundary
): { readonly bytes: Uint8Array; readonly contentType: string } => {
  if (fields.every((field) => !("file" in field))) {
    const params = new URLSearchParams()
    for (const field of fields) params.append(field.name, (field as { readonly value: string }).value)
    return { bytes: encoder.encode(params.toString()), contentType: "application/x-www-form-urlencoded" }
  }
  const mark = boundary()
  const parts: Array<Uint8Array> = []
  for (const field of fields) {
    let head = `--${mark}\r\ncontent-disposition: form-data; name="${quote(field.name)}"`
    if ("file" in field) {
      head += `; filename="${quote(field.file.filename)}"\r\ncontent-type: ${
        (field.file.contentType ?? "application/octet-stream").replace(/[\r\n]/g, "")
      }`
    }
    parts.push(encoder.encode(`${head}\r\n\r\n`))
    parts.push("file" in field ? field.file.data : encoder.encode(field.value))
    parts.push(encoder.encode("\r\n"))
  }
  parts.push(encoder.encode(`--${mark}--\r\n`))
  return { bytes: concat(parts), contentType: `multipart/form-data; boundary=${mark}` }
}

// The escapes of the HTML form encoding (what browsers and undici send): a name or file name can
// neither end its quoted string nor start a header line.
const quote = (value: string): string => value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")

const randomBoundary = (): string => `----sinch-effect-${globalThis.crypto.randomUUID()}`

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  let size = 0
  for (const part of parts) size += part.length
  const all = new Uint8Array(size)
  let offset = 0
  for (const part of parts) {
    all.set(part, offset)
    offset += part.length
  }
  return all
}
