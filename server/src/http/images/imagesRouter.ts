import express, { type ErrorRequestHandler } from 'express';
import type { AppError } from '@playfield/shared';
import { imageIdSchema } from '@playfield/shared/exercises/content/schema';
import type { StorageQuota } from '../../security/storageQuota.ts';
import { perMinute, send, sendError } from '../respond.ts';
import { IMAGE_LIMITS, ImageService } from './imageService.ts';
import type { ImageStore, ImageVariantName } from './imageStore.ts';

/** Uploads one address may make per minute. */
const UPLOADS_PER_MINUTE = 20;

const tooLarge: AppError = {
  code: 'TOO_LARGE',
  message: 'The image is larger than 5 MB: make it smaller and upload it again',
};
const noImage: AppError = { code: 'NOT_FOUND', message: 'No such image' };

/**
 * Images of content slides: `POST /images` (the file's bytes as the body, any declared
 * type: the bytes decide) answers `{ id, width, height }`; `GET /images/:id` and
 * `GET /images/:id/phone` serve them, cached for a year (an id never changes its bytes).
 * Ids are 256-bit random, so an image is read only by whoever was given its id.
 */
export function imagesRouter(options: { store: ImageStore; quota: StorageQuota }): express.Router {
  const router = express.Router();
  const service = new ImageService(options.store);
  const uploads = perMinute(UPLOADS_PER_MINUTE);

  router.post(
    '/images',
    (req, res, next) => {
      const address = `a:${req.ip ?? 'unknown'}`;
      if (!uploads.take(address))
        return sendError(res, {
          code: 'RATE_LIMITED',
          message: 'Too many images uploaded from this network: wait a minute',
        });
      const length = Number(req.get('content-length') ?? 0);
      if (length > IMAGE_LIMITS.bytes) return sendError(res, tooLarge);
      next();
    },
    express.raw({ type: () => true, limit: IMAGE_LIMITS.bytes }),
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const body: unknown = req.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      const address = `a:${req.ip ?? 'unknown'}`;
      const cost = ImageService.storedBytes(bytes);
      if (!options.quota.charge(address, cost))
        return sendError(res, {
          code: 'RATE_LIMITED',
          message: 'This network has stored too much today: try again tomorrow',
        });
      const result = await service.upload(bytes).catch((error: unknown) => {
        options.quota.refund(address, cost);
        throw error;
      });
      if (!result.ok) options.quota.refund(address, cost);
      send(res, result, 201);
    },
  );

  const serve =
    (variant: ImageVariantName): express.RequestHandler =>
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const id = imageIdSchema.safeParse(req.params.id);
      if (!id.success) return sendError(res, noImage);
      const etag = await options.store.etag(id.data, variant);
      if (!etag) return sendError(res, noImage);
      res.set({
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      if (req.get('if-none-match') === etag) return void res.status(304).end();
      const image = await options.store.get(id.data, variant);
      if (!image) return sendError(res, noImage);
      res.type(image.mime).send(image.data);
    };
  router.get('/images/:id', serve('full'));
  router.get('/images/:id/phone', serve('phone'));

  // A body over the limit, or one cut short: a clear message, nothing stored.
  const errors: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') return sendError(res, tooLarge);
    if (error.type === 'request.aborted' || error.type === 'request.size.invalid')
      return sendError(res, {
        code: 'BAD_REQUEST',
        message: 'The upload was cut short: try again',
      });
    next(error);
  };
  router.use('/images', errors);
  return router;
}
