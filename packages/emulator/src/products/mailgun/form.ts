/**
 * The two request bodies Mailgun's reference accepts for sending (`multipart/form-data` and
 * `application/x-www-form-urlencoded`), parsed into fields in order. A repeated field (`to`,
 * `attachment`, `o:tag`) keeps every value.
 *
 * @since 0.3.0
 */

/**
 * @since 0.3.0
 * @category models
 */
export interface FormFile {
  readonly filename: string
  readonly contentType: string
  readonly size: number
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Field {
  readonly name: string
  readonly value: string
  /** Present when the part carried a file name. */
  readonly file?: FormFile | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export type Parsed = { readonly fields: ReadonlyArray<Field> } | { readonly error: string }

/**
 * @since 0.3.0
 * @category parsing
 */
export const parse = (contentType: string | undefined, bytes: Uint8Array, text: string): Parsed => {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase()
  if (type === "application/x-www-form-urlencoded") {
    return { fields: [...new URLSearchParams(text)].map(([name, value]) => ({ name, value })) }
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "")
    if (boundary === null) return { error: "multipart/form-data without a boundary" }
    return multipart(Buffer.from(bytes), (boundary[1] ?? boundary[2]!).trim())
  }
  return { error: `Unsupported Content-Type ${type === "" ? "(none)" : type}; send a form` }
}

const multipart = (body: Buffer, boundary: string): Parsed => {
  const delimiter = Buffer.from(`--${boundary}`)
  const fields: Array<Field> = []
  let at = body.indexOf(delimiter)
  if (at < 0) return { error: "multipart body without its boundary" }
  for (;;) {
    at += delimiter.length
    if (body.subarray(at, at + 2).toString("latin1") === "--") return { fields }
    if (body.subarray(at, at + 2).toString("latin1") !== "\r\n") return { error: "malformed multipart body" }
    at += 2
    const headerEnd = body.indexOf("\r\n\r\n", at)
    if (headerEnd < 0) return { error: "malformed multipart part headers" }
    const headers = body.subarray(at, headerEnd).toString("utf8").split("\r\n")
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4)
    if (next < 0) return { error: "multipart body without its closing boundary" }
    const content = body.subarray(headerEnd + 4, next)
    let name: string | undefined
    let filename: string | undefined
    let type = "text/plain"
    for (const header of headers) {
      const colon = header.indexOf(":")
      const key = header.slice(0, colon).trim().toLowerCase()
      const value = header.slice(colon + 1).trim()
      if (key === "content-disposition") {
        name = /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1]
        filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1]
      } else if (key === "content-type") {
        type = value
      }
    }
    if (name === undefined) return { error: "multipart part without a name" }
    fields.push(
      filename === undefined
        ? { name, value: content.toString("utf8") }
        : { name, value: "", file: { filename, contentType: type, size: content.length } }
    )
    at = next + 2
  }
}
