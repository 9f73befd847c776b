export * from './cases/case.service';
export * from './frameworks/framework.service';
export * from './commissioning.module';
export * from './commissioning.handlers';
export * from './cases/case-opening';
