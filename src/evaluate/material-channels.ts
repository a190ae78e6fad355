import type { SubmittedMaterial } from "../model/application.js";
import { bySubmissionStrength, SUBMISSION_CHANNELS } from "../model/application-read.js";

type Channel = SubmittedMaterial["via"];

/** What deciding a material's channels needs of it. */
interface ChannelRule {
  readonly satisfiedBy: readonly Channel[];
  readonly deferrable: boolean;
}

/**
 * The channels by which a material counts as supplied: its `satisfiedBy`, and `deferred` when
 * it is deferrable (容缺受理). A submission by any other channel is as if it were not made: the
 * material is missing, and the notice names the channels it accepts.
 *
 * @example
 * acceptedChannels({ satisfiedBy: ["shared", "upload"], deferrable: false, … }); // ["upload", "shared"]
 */
export function acceptedChannels(material: ChannelRule): Channel[] {
  return SUBMISSION_CHANNELS.filter((via) =>
    via === "deferred" ? material.deferrable : material.satisfiedBy.includes(via),
  );
}

/**
 * The submission of a material that counts: the strongest (see bySubmissionStrength) of those
 * made by a channel the material accepts, whatever the order they are listed in. Both the
 * material's status and the `materials` fact conditions read come from it, so that a
 * condition never sees a channel the material refuses, and never a weaker one than counts.
 *
 * @example
 * strongestAccepted(preApprovalDocument, [{ id: "M05", via: "commitment" }]); // undefined
 */
export function strongestAccepted(
  material: ChannelRule & { readonly id: string },
  submitted: readonly SubmittedMaterial[],
): SubmittedMaterial | undefined {
  let best: SubmittedMaterial | undefined;
  for (const s of submitted) {
    if (s.id !== material.id || !isAccepted(material, s.via)) continue;
    // A stable sort keeps the first of equals: replace only on a strictly stronger one.
    if (best === undefined || bySubmissionStrength(s, best) < 0) best = s;
  }
  return best;
}

function isAccepted(material: ChannelRule, via: Channel): boolean {
  if (via === "deferred") return material.deferrable;
  return material.satisfiedBy.includes(via);
}
