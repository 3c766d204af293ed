// The training server: a real HTTP server that behaves like VIPax for all eight methods. Tests,
// the `vipax training-server` command and the app's training mode all run against it.
// Plain Node, no Electron.
export { ENDPOINT_PATH, MAX_BODY_BYTES, startTrainingServer } from './server';
export type { AppliedCall, Fault, FaultOptions, TrainingLogger, TrainingServer, TrainingServerOptions } from './types';
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
