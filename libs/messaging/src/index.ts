export { BrokerConnection, type BrokerOptions } from './connection/broker-connection';
export { MessagingModule } from './messaging.module';
