/** A content problem a person can fix: the message names the file, line, host or document. */
export class ContentError extends Error {
  override name = 'ContentError'
}
