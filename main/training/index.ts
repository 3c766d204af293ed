// The training server: a real HTTP server that behaves like VIPax for all eight methods. Tests,
// the `vipax training-server` command and the app's training mode all run against it.
// Plain Node, no Electron.
export {
  ENDPOINT_PATH,
  MAX_BODY_BYTES,
  startTrainingServer,
  type AppliedCall,
  type Fault,
  type FaultOptions,
  type TrainingLogger,
  type TrainingServer,
  type TrainingServerOptions,
} from './server';
export { seedFixtures } from './seed';
export { signatureFor } from './envelope';
export { formatTimestamp } from './clock';
export {
  DUPLICATE_ORDER_NO_MESSAGE,
  DUPLICATE_RETURN_ORDER_NO_MESSAGE,
  SUCCESS_MESSAGE,
  trainingMessages,
} from './messages';
export type { SimMember } from './state';
