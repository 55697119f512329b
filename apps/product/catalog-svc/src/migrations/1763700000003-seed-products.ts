import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demo's price list. Demo Widget is what the shop page sells, stocked so deep that
 * visitors never run it dry; Sold-out Gadget has none, so "out of stock" is a real stock
 * level rather than a flag in the code.
 */
const SEED = [
  { sku: 'DEMO-WIDGET', name: 'Demo Widget', unitAmount: 3999, currency: 'GBP', onHand: 1_000_000 },
  { sku: 'TRAVEL-MUG', name: 'Travel Mug', unitAmount: 1500, currency: 'GBP', onHand: 250 },
  { sku: 'SOLD-OUT-GADGET', name: 'Sold-out Gadget', unitAmount: 2499, currency: 'GBP', onHand: 0 },
] as const;

export class SeedProducts1763700000003 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    for (const product of SEED) {
      await db.query(
        `INSERT INTO catalog.products (sku, name, unit_amount, currency, on_hand) VALUES ($1, $2, $3, $4, $5)`,
        [product.sku, product.name, product.unitAmount, product.currency, product.onHand],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DELETE FROM catalog.products WHERE sku = ANY($1)', [SEED.map((product) => product.sku)]);
  }
}
