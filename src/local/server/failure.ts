/**
 * The error a handler throws to answer with a Databricks error body. Handlers never build
 * HTTP responses themselves: they return a value or throw an `ApiFailure`, and the router turns
 * it into `{error_code, message}` with the status, exactly as a real workspace would.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string): ApiFailure => new ApiFailure(400, 'INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string): ApiFailure => new ApiFailure(404, 'RESOURCE_DOES_NOT_EXIST', message);
export const invalidState = (message: string): ApiFailure => new ApiFailure(400, 'INVALID_STATE', message);
export const alreadyExists = (message: string, status = 400): ApiFailure =>
  new ApiFailure(status, 'RESOURCE_ALREADY_EXISTS', message);
