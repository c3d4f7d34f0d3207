/**
 * A resident picked in 边民 ("declare for this resident") for the declaration form to open
 * with: read when the form mounts, cleared once the form has looked the resident up.
 */
let pending: string | null = null;

export function declareFor(certificateNo: string): void {
  pending = certificateNo;
}

export function pendingDeclareFor(): string | null {
  return pending;
}

export function clearDeclareFor(): void {
  pending = null;
}
