export * from './payment.types';
export * from './payment.events';
export * from './payment.commands';
export * from './payment-schedule';
export * from './payment.state';
export * from './payment.decider';
export * from './payment.consequences';
export * from './instalment-status';
