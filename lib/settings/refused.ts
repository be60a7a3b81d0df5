/**
 * A write the settings' schemas refused; its message says why in the user's words. Its own tiny
 * module: the message layer maps it to 'invalid-data' without pulling the schemas into the page.
 */
export class RefusedWrite extends Error {
  override name = 'RefusedWrite';
}
