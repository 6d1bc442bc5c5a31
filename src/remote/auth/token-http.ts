/**
 * The HTTP the token providers need (the workspace token endpoint, GitHub's id-token URL), kept
 * apart from the REST client so fetching a token never recurses into authenticated calls.
 */
import { request } from 'undici';

export interface TokenHttpResponse {
  status: number;
  text: string;
}

export interface TokenHttp {
  get(url: string, headers: Record<string, string>): Promise<TokenHttpResponse>;
  postForm(url: string, form: Record<string, string>, headers: Record<string, string>): Promise<TokenHttpResponse>;
}

export function undiciTokenHttp(timeoutMs = 30_000): TokenHttp {
  const send = async (url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<TokenHttpResponse> => {
    const res = await request(url, { method, headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    return { status: res.statusCode, text: await res.body.text() };
  };
  return {
    get: (url, headers) => send(url, 'GET', { accept: 'application/json', ...headers }),
    postForm: (url, form, headers) =>
      send(url, 'POST', { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, new URLSearchParams(form).toString()),
  };
}
