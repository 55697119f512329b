import { CreatePaymentsSchema1763700000000 } from './1763700000000-create-payments-schema';

/** In the order they run. */
export const paymentsMigrations = [CreatePaymentsSchema1763700000000];
