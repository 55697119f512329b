import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProductsAndReservations1763700000002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // The rules live in the services, but these checks are the last line of defence: even a
    // bug there cannot sell stock that does not exist or hold more than is on hand.
    // SKUs are ASCII codes; the "C" collation sorts them byte by byte, whatever the locale.
    await db.query(`
      CREATE TABLE catalog.products (
        sku         text COLLATE "C" PRIMARY KEY,
        name        text    NOT NULL,
        unit_amount integer NOT NULL CONSTRAINT products_unit_amount_positive CHECK (unit_amount > 0),
        currency    char(3) NOT NULL CONSTRAINT products_currency_iso CHECK (currency ~ '^[A-Z]{3}$'),
        on_hand     integer NOT NULL CONSTRAINT products_on_hand_not_negative CHECK (on_hand >= 0),
        reserved    integer NOT NULL DEFAULT 0 CONSTRAINT products_reserved_not_negative CHECK (reserved >= 0),
        version     integer NOT NULL DEFAULT 1,
        CONSTRAINT products_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    // One reservation per checkout: the unique key is what makes a concurrent duplicate
    // request wait for the first and then see its reservation instead of holding stock twice.
    // A reservation released before it held anything has no lines and no currency.
    await db.query(`
      CREATE TABLE catalog.reservations (
        id          uuid        PRIMARY KEY,
        checkout_id uuid        NOT NULL CONSTRAINT reservations_one_per_checkout UNIQUE,
        status      text        NOT NULL CONSTRAINT reservations_status_known
                                  CHECK (status IN ('held', 'released', 'committed')),
        lines       jsonb       NOT NULL CONSTRAINT reservations_lines_array CHECK (jsonb_typeof(lines) = 'array'),
        amount      integer     NOT NULL CONSTRAINT reservations_amount_not_negative CHECK (amount >= 0),
        currency    char(3),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservations_priced_when_holding
          CHECK ((jsonb_array_length(lines) = 0) = (currency IS NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE catalog.reservations');
    await db.query('DROP TABLE catalog.products');
  }
}
