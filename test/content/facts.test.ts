import { describe, expect, it } from "vitest";
import { readContentFiles, toPlainText } from "./knowledge-base.js";

/**
 * Every line of the source-facts checklist, with patterns that must all match somewhere in the
 * knowledge base's prose (frontmatter excluded, so sample questions cannot stand in for facts).
 */
interface FactCheck {
  fact: string;
  patterns: RegExp[];
}

const checklist: Record<string, FactCheck[]> = {
  "Overview and purpose": [
    {
      fact: "Combines project management with delivery at scale; streamlines processes, fosters collaboration, delivers what customers need efficiently; owns end-to-end processes and improves the service value chain (000)",
      patterns: [
        /project management[^.]{0,60}deliver(?:y|ing) at scale/i,
        /leaner processes|streamlin/i,
        /collaborat/i,
        /what they actually need|customer needs/i,
        /processes end to end/i,
        /improve[^.]{0,60}service value chain/i,
      ],
    },
    {
      fact: "A data-driven change manager owning the end-to-end process of getting the product to the user; shortens time from idea to market and raises predictability; where no end-to-end process is asked for, owns the whole chain available (001)",
      patterns: [
        /change manager who relies on data|data-driven change manager/i,
        /end-to-end process[^.]{0,80}(?:reaches|to) the user/i,
        /time from (?:an )?idea to (?:its )?market/i,
        /more predictable|predictability/i,
        /not asked anyone to own an end-to-end process[^.]{0,120}whole chain/i,
      ],
    },
    {
      fact: "Makes sure the team is set up to deliver (002)",
      patterns: [/team is (?:properly )?set up to deliver/i],
    },
    {
      fact: "Not the same as a service delivery manager, scrum master or agile coach; none of those alone describes the role (001)",
      patterns: [
        /confusing a DM with a service delivery manager|service delivery manager \(SDM\)/i,
        /None of those jobs on its own captures the DM role/i,
        /scrum master \(SM\) or an agile coach/i,
      ],
    },
  ],
  "Why the role is needed": [
    {
      fact: "Agile project management and delivery; delivery from start to finish incl. planning, monitoring, reporting; communication between stakeholders, development teams and customers; flexible, scalable value-delivery processes; prioritising by customer value (000)",
      patterns: [
        /projects are run and products delivered in an agile way/i,
        /from start to finish[^.]{0,40}\. That includes the planning, the monitoring/i,
        /reporting/i,
        /stakeholders[^.]{0,40}development teams[^.]{0,40}customers/i,
        /flexible and scalable/i,
        /rank tasks and features by how much value they bring the customer/i,
      ],
    },
    {
      fact: "Faster delivery despite growing complexity; rebuilding and improving processes as a business grows or changes, keeping agility while scaling; gathering and sharing practices across the organisation and community (001)",
      patterns: [
        /more complex[^.]{0,80}faster/i,
        /rebuilt and improved[^.]{0,80}agility and efficiency while it scales/i,
        /collect[^.]{0,80}share[^.]{0,120}community/i,
      ],
    },
  ],
  "What a DM does": [
    {
      fact: "Agile project management; coordinating teams and resources; monitoring progress and quality; risk management; coaching and facilitation (000)",
      patterns: [
        /project management using an agile methodology/i,
        /coordinating the development teams and managing resources/i,
        /monitoring project progress and quality/i,
        /risk management/i,
        /coaching the team and facilitating/i,
      ],
    },
    {
      fact: "Two groups of work: change management, and scaling practices (001)",
      patterns: [
        /exactly two groups/i,
        /Change management:/i,
        /Scaling practices \(scalability of practices\)/i,
      ],
    },
    {
      fact: "Continuous-improvement environment; making sure the backlog can be delivered; removing blockers; supporting governance, finances, resourcing and procurement; facilitating agile ceremonies such as sprint planning and retrospectives (002)",
      patterns: [
        /environment of continuous improvement/i,
        /backlog can actually be delivered/i,
        /removing blockers and obstacles/i,
        /governance, finances, resourcing and procurement/i,
        /facilitate[^.]{0,80}agile ceremonies[^.]{0,80}sprint planning and retrospectives/i,
      ],
    },
  ],
  "Roles the DM plays (two views)": [
    {
      fact: "Project manager, change agent, team coordinator, mentor, each described (000)",
      patterns: [
        /four hats: project manager and team coordinator, plus change agent and mentor/i,
        /plans, carries out and monitors projects/i,
        /adopt agile practices/i,
        /keeps the team aligned and manages communication and resources/i,
        /training and mentoring so that people become more efficient/i,
      ],
    },
    {
      fact: 'Owner of the production process ("product owner" of the production process: idea-to-user delivery, horizontal and vertical partnerships, visualising processes, Discovery and Delivery metrics, a transparent strategy); change agent; coach (001)',
      patterns: [
        /"product owner" of the production process/i,
        /horizontal and vertical partnerships/i,
        /visualises processes/i,
        /Discovery and Delivery metrics/i,
        /transparent strategy/i,
        /management tools and rallies people/i,
        /improve their processes on their own/i,
        /resolve conflicts[^.]{0,60}facilitation/i,
        /individual development plans/i,
      ],
    },
    {
      fact: "Both views are presented side by side and compared",
      patterns: [/How the two views compare/i, /Only change agent appears in both lists/i],
    },
  ],
  "Versus other roles": [
    {
      fact: "Not a project manager: part of the team for the long haul, enabling rather than directing, owns ways of working and team health (002); project managers coordinate from outside, a DM is inside the team, runs the cadence and stand-ups, is accountable for shipped work (003)",
      patterns: [
        /Delivery manager vs project manager/i,
        /for the long haul/i,
        /enables the team rather than directing/i,
        /team health and ways of working/i,
        /coordinate from outside/i,
        /works inside the team, runs the cadence, owns the stand-ups/i,
        /accountable for shipped work/i,
      ],
    },
    {
      fact: "Not an engineering manager (performance reviews, career development, hiring, placement); not a tech lead (architecture, code reviews, mentoring specialists); not a scrum master (a subset of the DM role, which adds delivery accountability, the customer-leadership interface and operational decisions) (003)",
      patterns: [
        /Delivery manager vs engineering manager/i,
        /performance reviews, career development, hiring decisions/i,
        /Delivery manager vs tech lead/i,
        /architecture decisions, does code reviews and mentors/i,
        /Delivery manager vs scrum master/i,
        /scrum master's remit is a subset/i,
        /delivery accountability[^.]{0,40}customer leadership[^.]{0,60}operational decisions/i,
      ],
    },
    {
      fact: "The role folds PM + EM + scrum master into one position, scoped to an engagement rather than long-term people management (003)",
      patterns: [
        /folds together the project manager, the engineering manager and the scrum master/i,
        /delivery on one engagement, not for long-term management/i,
      ],
    },
    {
      fact: "Agile coach and service delivery manager each get their own comparison (001, 003)",
      patterns: [
        /Delivery manager vs agile coach/i,
        /Delivery manager vs service delivery manager/i,
      ],
    },
  ],
  "Sprints and continuous improvement": [
    {
      fact: 'Continuous improvement is the most important part; short feedback loops for ideation, delivery and testing; "hard" enablers: a physical working environment, testing/change/deployment processes for frequent releases, user insights flowing into planning (002)',
      patterns: [
        /most important/i,
        /ideas, deliver them and test them in short feedback loops/i,
        /"hard" enablers/i,
        /physical working environment/i,
        /testing, change and deployment processes[^.]{0,60}release software frequently/i,
        /insights from users into planning/i,
      ],
    },
    {
      fact: "Committing the right amount of work each sprint (too little: finish early; too much: miss sprint goals); healthy tension with the product manager; velocity = the total effort a team can reasonably deliver in a sprint, learned over sprints (002)",
      patterns: [
        /Too little work: the team runs out of things to do and wraps up before the sprint ends/i,
        /Too much work: the team falls short of its sprint goals/i,
        /healthy tension/i,
        /product manager wants to get as much as possible into a sprint/i,
        /Velocity is the total amount of effort a team can realistically get done in one sprint/i,
        /After working together for enough sprints/i,
      ],
    },
    {
      fact: "Blockers: an unexpected dependency on another team, a technical or operational hurdle, a last-minute stakeholder issue; great DMs spot them on the horizon and head them off (002)",
      patterns: [
        /unexpected dependency on another team/i,
        /hurdle that is technical or operational/i,
        /stakeholder raises at the last minute/i,
        /on the horizon, and deal with them before they reach the team/i,
      ],
    },
  ],
  "The profession": [
    {
      fact: "Emerged as a distinct profession in the last 5–7 years, driven by platform-managed delivery models such as the Virtual Delivery Center (VDC) (003)",
      patterns: [
        /past 5[–-]7 years|last five to seven years/i,
        /platform-managed delivery models, such as the Virtual Delivery Center \(VDC\)/i,
      ],
    },
    {
      fact: "What the DM is: operations owner (sprint cadence, code-review SLAs, milestone reporting), customer interface (single point of contact; weekly status, monthly reviews, escalations), pod-internal coordinator (blockers, dependencies), capacity decision-maker (add a specialist, rotate, push back on scope), accountability holder (missed milestones are the DM's conversation) (003)",
      patterns: [
        /Operations owner: cadence, code-review SLAs and milestone reports/i,
        /Customer interface: the single point of contact/i,
        /weekly status[\s\S]{0,40}monthly review[\s\S]{0,40}escalations/i,
        /Pod-internal coordinator: blockers and dependencies/i,
        /Capacity decision-maker: staffing and scope/i,
        /add a specialist|another specialist/i,
        /push back on scope/i,
        /missed milestone[^.]{0,60}belongs to the DM, not to the engineers/i,
      ],
    },
    {
      fact: "Five skills, strong vs weak: engineering literacy without doing engineering (traffic cops); calm escalation judgment (L1; everything or nothing); async-first written communication (meetings); customer empathy without overcommitment (yes-people or push-back people); pattern recognition across engagements (scope drift via granular tickets, week 4 not week 12) (003)",
      patterns: [
        /Engineering literacy without doing the engineering/i,
        /traffic cops/i,
        /Calm judgment about escalation/i,
        /resolved at L1/i,
        /escalating everything[\s\S]{0,120}escalating nothing/i,
        /Async-first, written communication/i,
        /fall back on booking meetings/i,
        /Customer empathy without overcommitting/i,
        /yes-people[\s\S]{0,80}push-back people/i,
        /Recognising patterns across engagements/i,
        /scope drift via granular tickets[^.]{0,120}week 4 rather than week 12/i,
      ],
    },
    {
      fact: "Backgrounds: senior engineer (most common, strongest), product/project manager, scrum master/agile coach (003)",
      patterns: [
        /senior engineering, the most common route and the one producing the strongest DMs/i,
        /product or project management, less common/i,
        /scrum master or agile coach, common/i,
      ],
    },
    {
      fact: "Trends: demand outpaces supply, DM rates up 30–40% in 5 years; the role is being formalised (certifications, professional bodies, training); AI tooling automates routine work (status reports, sprint metrics, anomaly detection), leaving the high-judgment parts (003)",
      patterns: [
        /Demand for delivery managers outpaces supply/i,
        /30[–-]40%/i,
        /five years/i,
        /certifications, professional bodies and training programmes/i,
        /status reports[^.]{0,60}sprint metrics[^.]{0,40}anomaly detection/i,
        /escalations[^.]{0,60}composition of a pod[^.]{0,60}communicating with customers/i,
      ],
    },
    {
      fact: "For organisations: hiring DM talent matters; offer a DM career path or lose senior engineers to platforms that do; define the role clearly (003)",
      patterns: [
        /Why hiring good delivery managers matters/i,
        /no career track for delivery management will see senior engineers leave/i,
        /Define the delivery manager role clearly/i,
        /creates friction/i,
      ],
    },
    {
      fact: "For engineers considering it: enjoy operational coordination, be comfortable not coding day-to-day, write clearly, handle escalations without anxiety (003)",
      patterns: [
        /enjoy operational coordination/i,
        /not coding as part of your normal day/i,
        /communicate clearly in writing/i,
        /escalations without getting anxious/i,
      ],
    },
    {
      fact: "FAQ: pay comparable to senior engineers with a premium over typical PM pay for the engineering literacy (003)",
      patterns: [
        /on a par with senior engineers/i,
        /DM premium over typical project manager \(PM\) compensation/i,
      ],
    },
    {
      fact: "FAQ: one pod of 4–8 specialists is a full-time DM; pods of 2–3 may share a DM across two pods; above 8 needs extra support (engagement architect or sub-DMs) (003)",
      patterns: [
        /single pod of 4 to 8 specialists[^.]{0,60}full-time/i,
        /2 to 3 specialists[^.]{0,80}across two pods/i,
        /beyond 8 specialists/i,
        /engagement architect, or[\s\S]{0,20}sub-DMs/i,
      ],
    },
    {
      fact: "FAQ: sometimes leads to engineering management, but has its own arc: DM → senior DM → engagement architect → director of delivery; in-house organisations can build their own DMs (003)",
      patterns: [
        /Sometimes\. Some DMs do eventually move into engineering manager \(EM\) roles/i,
        /delivery manager → senior delivery manager → engagement architect → director of delivery/i,
        /some in-house engineering organisations deliberately grow their own DMs/i,
      ],
    },
  ],
};

const prose = toPlainText(
  readContentFiles()
    .map((file) => file.body)
    .join("\n\n"),
);

describe("the knowledge base carries every fact of the source checklist", () => {
  for (const [group, facts] of Object.entries(checklist)) {
    describe(group, () => {
      for (const { fact, patterns } of facts) {
        it(fact, () => {
          const missing = patterns.filter((pattern) => !pattern.test(prose)).map(String);
          expect(missing).toEqual([]);
        });
      }
    });
  }
});
