export * from './sealed-value';
export * from './subject-keys';
export * from './sealing-event-store';
export * from './personal-data.vault';
export * from './erasure.service';
export * from './personal-data.module';
