// ApiError: the body of every non-2xx API response (contract §4.1).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toBody(): { message: string; code: string | null } {
    return { message: this.message, code: this.code };
  }
}

export function invalidParameters(message: string): ApiError {
  return new ApiError(400, 'invalid_parameters', message);
}
