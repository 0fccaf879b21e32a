import type { AppError, Result } from '@playfield/shared';
import { getDeviceId } from '../../storage.ts';

/** What the server answers to an upload. */
export interface UploadedImage {
  id: string;
  width: number;
  height: number;
}

/** Sends an image file as it is (the server checks its bytes); errors come back as text. */
export async function uploadImage(file: File): Promise<Result<UploadedImage>> {
  try {
    const response = await fetch('/api/images', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-device-id': getDeviceId() },
      body: file,
    });
    const body = (await response.json().catch(() => null)) as
      { error?: AppError } | UploadedImage | null;
    if (response.ok && body && 'id' in body) return { ok: true, data: body };
    const error = body && 'error' in body ? body.error : undefined;
    return {
      ok: false,
      error: error ?? { code: 'INTERNAL', message: `The upload failed (${response.status})` },
    };
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Cannot reach Playfield: check your connection' },
    };
  }
}
