import { AppError } from '@checkout/platform';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';

export const CATALOG_URL = Symbol('CATALOG_URL');
const CACHE_MS = 10_000;

/**
 * Reads which SKUs exist, so a checkout for a product that does not exist is refused with a
 * 400 before any saga starts. Cached briefly: the product list changes rarely, stock is not
 * read here (stock is the catalog's to decide, through the saga).
 */
@Injectable()
export class CatalogClient {
  private cached?: { skus: Set<string>; at: number };

  constructor(@Inject(CATALOG_URL) private readonly baseUrl: string) {}

  async unknownSkus(skus: readonly string[]): Promise<string[]> {
    const known = await this.knownSkus();
    return skus.filter((sku) => !known.has(sku));
  }

  private async knownSkus(): Promise<Set<string>> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.skus;
    try {
      const response = await fetch(`${this.baseUrl}/api/products`, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new Error(`catalog answered ${response.status}`);
      const products = (await response.json()) as { sku: string }[];
      this.cached = { skus: new Set(products.map((product) => product.sku)), at: Date.now() };
      return this.cached.skus;
    } catch {
      throw new AppError('CATALOG.UNAVAILABLE', 'The product catalog cannot be reached; try again shortly', HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
