import type { MemberService } from '../../services/members';
import type { HandlerModule } from '../router';

export function createMemberHandlers(services: { members: MemberService }): HandlerModule {
  return {
    'member:lookup': async (request) => ({ members: await services.members.lookup(request) }),
  };
}
