import { On, Text } from './dto-fields';

export class RejectProposalDto {
  @Text(2000, {
    description: 'Why the proposal is rejected before award',
    example: 'Duplicates the Leicestershire and Rutland YOS contribution already funded in Appendix B',
  })
  reason!: string;

  @On('2016-05-24')
  on?: string;
}

export class WithdrawProposalDto {
  @Text(2000, {
    description: 'Why the proposal is withdrawn before award',
    example: 'Blaby District Council withdrew its plan: the activity is now funded by the county council',
  })
  reason!: string;

  @On('2016-02-10')
  on?: string;
}
