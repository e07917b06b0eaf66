/** The URL path an upload is served at; evidence items cite it. */
export function uploadUrl(id: string): string {
  return `/api/web/uploads/${id}`;
}

const UPLOAD_URL = /^\/api\/web\/uploads\/([\w-]{8,64})$/;

/** The upload id an evidence item refers to, if it is one of ours. */
export function uploadIdOf(ref: string): string | undefined {
  return UPLOAD_URL.exec(ref)?.[1];
}
