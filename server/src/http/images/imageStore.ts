import type { Kysely } from 'kysely';
import { retrying } from '../../store/retry.ts';

/**
 * The images' tables (migration `0003_images`): one row per image, and one per stored
 * variant ('full' for the room screen, 'phone' at most 800 px wide). Bytes travel as
 * base64 text, as document updates do, so SQLite and PostgreSQL share every query.
 */
export interface ImageTables {
  images: {
    id: string;
    created_at: number;
    width: number;
    height: number;
  };
  image_variants: {
    image_id: string;
    variant: string;
    mime: string;
    etag: string;
    bytes: number;
    data: string;
  };
}

export type ImageVariantName = 'full' | 'phone';

/** One stored variant, ready to send. */
export interface StoredVariant {
  mime: string;
  etag: string;
  data: Buffer;
}

/** A new image with its variants. */
export interface NewImage {
  id: string;
  createdAt: number;
  width: number;
  height: number;
  variants: Record<ImageVariantName, StoredVariant>;
}

/** Storage of uploaded images, beside the repository on its database. */
export class ImageStore {
  constructor(private readonly db: Kysely<ImageTables>) {}

  /** Stores an image and its variants in one transaction. */
  async add(image: NewImage): Promise<void> {
    await retrying(() =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('images')
          .values({
            id: image.id,
            created_at: image.createdAt,
            width: image.width,
            height: image.height,
          })
          .execute();
        await trx
          .insertInto('image_variants')
          .values(
            (Object.keys(image.variants) as ImageVariantName[]).map((variant) => ({
              image_id: image.id,
              variant,
              mime: image.variants[variant].mime,
              etag: image.variants[variant].etag,
              bytes: image.variants[variant].data.length,
              data: image.variants[variant].data.toString('base64'),
            })),
          )
          .execute();
      }),
    );
  }

  /** One variant of an image, or undefined when there is no such image. */
  async get(id: string, variant: ImageVariantName): Promise<StoredVariant | undefined> {
    const row = await this.db
      .selectFrom('image_variants')
      .select(['mime', 'etag', 'data'])
      .where('image_id', '=', id)
      .where('variant', '=', variant)
      .executeTakeFirst();
    return row && { mime: row.mime, etag: row.etag, data: Buffer.from(row.data, 'base64') };
  }

  /** The ETag of a variant without its bytes (for conditional requests), or undefined. */
  async etag(id: string, variant: ImageVariantName): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('image_variants')
      .select('etag')
      .where('image_id', '=', id)
      .where('variant', '=', variant)
      .executeTakeFirst();
    return row?.etag;
  }

  /** How many images are stored (for tests: a refused upload stores nothing). */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('images')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
