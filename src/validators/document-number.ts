/**
 * The form of an identity-document number in which two numbers of one document are equal
 * exactly when they are the same number: compatibility forms folded (NFKC: full-width
 * `１` → `1`), white space and invisible format characters (zero-width space, BOM, bidi
 * marks) removed, letters in upper case. Only for comparing numbers — who is who, such as
 * 公司法 art 76's "董事、高级管理人员不得兼任监事" — never for validating one: a number that
 * needs folding to be read is still to be corrected by its owner. A 居民身份证 number's final
 * `x` becomes `X` here, as `parseResidentId` reads it.
 *
 * @example
 * normalizeDocumentNumber("11010519491231002x"); //=> "11010519491231002X"
 * normalizeDocumentNumber(" e1234 5678\u200b"); //=> "E12345678"
 */
export function normalizeDocumentNumber(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[\s\p{Cf}]/gu, "")
    .toUpperCase();
}
