import { maskPhone, type MemberView } from '../../common/contract';
import type { Member } from '../vipax/types';

/** Converts a member to what the renderer may see: the phone number is masked. */
export function toMemberView(member: Member): MemberView {
  return {
    customerId: member.customerId,
    cardNo: member.cardNo,
    offlineCardNo: member.offlineCardNo,
    name: member.name,
    nickName: member.nickName,
    phoneMasked: member.phone === null ? null : maskPhone(member.phone),
    levelName: member.levelName,
    balanceFen: member.balanceFen,
    accruedPoints: member.accruedPoints,
    discountRatePercent: member.discountRatePercent,
    state: member.state,
  };
}
