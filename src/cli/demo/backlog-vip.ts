import type { DemoItem } from './backlog.ts';
import { VIP_EARLY } from './backlog-vip-early.ts';

/**
 * Seed 000: five months of work, nearly all of it for the Secretariat (the PO's own team); the 200
 * VIP members call the product "light". The first 27 items become the closed sprints' history;
 * the live backlog below still leans to the Secretariat, with the few VIP-facing items argued for.
 */
export const VIP_BACKLOG: DemoItem[] = [
  ...VIP_EARLY,
  // ── Sprint 5 ──
  {
    type: 'story',
    title: 'Merge duplicate VIP profiles',
    problem: 'Duplicates left by earlier imports split a VIP’s meeting history in two.',
    value: [3, 3, 2],
    size: 5,
    seg: ['secretariat'],
    labels: ['profiles'],
    ac: [
      'Given two profiles of the same VIP, when I merge them, then one profile keeps both meeting histories',
    ],
    links: [['relates', 'dupProfiles']],
  },
  {
    type: 'story',
    title: 'Move or cancel a meeting and notify every invitee',
    problem:
      'When a meeting moves, the Secretariat emails each invitee separately and some never hear of it.',
    value: [8, 5, 2],
    size: 3,
    seg: ['secretariat', 'vip'],
    labels: ['meetings', 'invitations'],
    ac: [
      'Given a meeting with eight invitees, when I move it to Friday, then all eight receive the new date once',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Profile photo and short biography',
    problem:
      'VIPs meeting for the first time do not recognise each other; the Secretariat prints photo sheets.',
    value: [5, 2, 1],
    size: 3,
    seg: ['vip', 'secretariat'],
    labels: ['profiles'],
    ac: [
      'Given a VIP with a photo, when another VIP opens their profile, then they see the photo and biography',
    ],
  },
  {
    type: 'defect',
    title: 'Meeting list takes 8 seconds once 2,000 meetings exist',
    problem:
      'The Secretariat opens the list dozens of times a day; it became unusable after the import of last year.',
    value: [5, 5, 3],
    size: 3,
    seg: ['secretariat'],
    labels: ['performance'],
    ac: ['Given 2,000 meetings, when I open the meeting list, then the first page shows in under a second'],
  },
  {
    type: 'story',
    title: 'Seating plan for council dinners',
    problem: 'Seating for the council dinner is drawn on paper and re-done whenever someone declines.',
    value: [3, 3, 1],
    size: 8,
    seg: ['secretariat'],
    labels: ['meetings'],
    ac: ['Given a dinner with 30 guests, when one declines, then their seat is freed and the plan reprints'],
  },
  // ── Planned sprint: what refinement is arguing about now ──
  {
    ref: 'calendar',
    type: 'story',
    title: 'My yearly meeting calendar',
    problem:
      'Each December VIPs ask the Secretariat for a PDF of their meetings for the year; they cannot plan their own year in the product.',
    value: [13, 8, 5],
    size: 5,
    seg: ['vip'],
    labels: ['vip-experience'],
    ac: [
      'Given I am a VIP with 14 meetings this year, when I open my calendar, then I see them by month with their status',
      'Given I subscribe to my calendar from Outlook, when a meeting moves, then Outlook shows the new date within an hour',
    ],
    rc: true,
    status: 'ready',
    comments: [
      'sam: Every December my assistant chases the Secretariat for this list. A calendar I can subscribe to would be the first thing I open.',
      'tara: @Paul Durand after five months of mostly Secretariat work, I would put this above the planner import. The review feedback was “5 months for that?!”.',
      'paul: Agreed for the next sprint, @Tara Nakamura. The planner import follows right after; the Secretariat is waiting for it too.',
    ],
  },
  {
    ref: 'interviews',
    type: 'spike',
    title: 'Interview 10 VIPs about what “light” means',
    problem:
      'We met VIPs twice in five months; we are guessing what they want while the budget is almost spent.',
    value: [5, 8, 13],
    size: 2,
    seg: ['vip'],
    labels: ['vip-experience', 'research'],
    ac: [
      'Given ten 20-minute interviews, when we sort what we heard, then the backlog has its VIP items re-ranked with their evidence',
    ],
    status: 'ready',
    comments: [
      'fiona: @paul the review ended with “pretty good, but lacks promised features”. Let us hear VIPs before we plan sprint 7.',
      'paul: “Light” does not mean wrong, but fine. @Sam Achebe could you find us ten volunteers?',
      'sam: Happy to. Most of us would prefer 20 minutes by video rather than a workshop.',
    ],
  },
  {
    ref: 'planner',
    type: 'story',
    title: 'Bulk import meetings from the Secretariat’s Excel planner',
    problem: 'The Secretariat plans the year in Excel and then re-creates about 600 meetings in the product.',
    value: [8, 5, 2],
    size: 8,
    seg: ['secretariat'],
    labels: ['import', 'meetings'],
    ac: [
      'Given the planner with 600 rows, when I import it, then rows in error are listed before anything is created',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Meeting templates for recurring agendas',
    problem:
      'Board and council agendas follow the same structure, yet the Secretariat types them from scratch.',
    value: [3, 2, 1],
    size: 3,
    seg: ['secretariat'],
    labels: ['meetings'],
    ac: [
      'Given a “Quarterly council” template, when I create a meeting from it, then agenda, duration and invitees are filled in',
    ],
  },
  {
    type: 'defect',
    title: 'VIPs still see meetings they were removed from',
    problem:
      'A VIP removed from a confidential meeting can still open its agenda from their invitation link.',
    value: [8, 13, 13],
    size: 2,
    seg: ['vip', 'secretariat'],
    labels: ['security'],
    ac: [
      'Given a VIP removed from a meeting, when they open their old invitation link, then they see that they are no longer invited',
    ],
    rc: true,
    status: 'ready',
  },
  // ── The rest of the backlog ──
  {
    ref: 'selfService',
    type: 'story',
    title: 'VIPs update their own profile and availability',
    problem:
      'VIPs email the Secretariat to change a phone number or block holidays; it is slow for them and repetitive for the Secretariat.',
    value: [8, 3, 3],
    size: 5,
    seg: ['vip', 'secretariat'],
    labels: ['profiles', 'vip-experience'],
    ac: [
      'Given I am a VIP, when I mark two weeks in August as unavailable, then the Secretariat sees it when inviting me',
    ],
    comments: [
      'tara: This one serves both segments: fewer emails for the Secretariat, less waiting for VIPs.',
    ],
  },
  {
    ref: 'message',
    type: 'story',
    title: 'Message another VIP',
    problem:
      'VIPs who met at a council have no way to follow up inside the product and fall back to private email.',
    value: [8, 2, 3],
    seg: ['vip'],
    labels: ['vip-experience', 'social'],
    ac: [
      'Given two VIPs who attended the same meeting, when one sends the other a message, then the other is notified and can reply',
    ],
    comments: [
      'theo: We cannot estimate this until Legal tells us whether messages must be archived. @Paul Durand could you ask?',
      'paul: Asked Legal on Monday; answer expected next week. Leaving it unestimated until then.',
    ],
  },
  {
    type: 'spike',
    title: 'Spike: the three Secretariat offices’ planner formats',
    problem:
      'Paris, Geneva and Singapore keep different planner layouts; we do not know if one import fits all.',
    value: [2, 3, 8],
    size: 2,
    seg: ['secretariat'],
    labels: ['import', 'research'],
    links: [['blocks', 'multiOffice']],
  },
  {
    ref: 'multiOffice',
    type: 'story',
    title: 'Import the Geneva and Singapore planners too',
    problem:
      'Two of the three Secretariat offices would still re-type their meetings after the Paris import.',
    value: [5, 2, 1],
    seg: ['secretariat'],
    labels: ['import'],
  },
  {
    type: 'story',
    title: 'Follow topics and get meeting suggestions',
    problem: 'VIPs find the product “light”: it does not help them discover meetings they care about.',
    value: [8, 2, 5],
    seg: ['vip'],
    labels: ['vip-experience', 'social'],
    links: [['relates', 'interviews']],
    comments: ['tara: Let the interviews tell us whether topics are the right idea before we size this.'],
  },
  {
    type: 'enabler',
    title: 'Phone-friendly layout for VIP pages',
    problem: 'VIPs open invitations on their phones between meetings; today the pages need zooming.',
    value: [5, 3, 3],
    size: 5,
    seg: ['vip'],
    labels: ['vip-experience'],
    ac: [
      'Given a 390-pixel-wide phone, when a VIP opens an invitation, then they can accept without zooming',
    ],
  },
  {
    type: 'story',
    title: 'Printable name badges for attendees',
    problem: 'Badges are made in a word processor the evening before each council.',
    value: [2, 2, 1],
    size: 2,
    seg: ['secretariat'],
    labels: ['meetings'],
    ac: [
      'Given a meeting with 30 accepted attendees, when I print badges, then I get one A4 PDF with eight badges per page',
    ],
  },
  {
    type: 'story',
    title: 'Record VIP preferences (diet, language, accessibility)',
    problem:
      'Preferences live in Secretariat members’ heads; a new colleague got a vegetarian VIP a steak dinner.',
    value: [3, 2, 2],
    seg: ['secretariat'],
    labels: ['profiles'],
  },
  {
    type: 'story',
    title: 'Show the attendee list on the invitation email',
    problem: 'Feedback from the review: VIPs want to see who attends before they click through.',
    value: [5, 2, 1],
    seg: ['vip'],
    labels: ['vip-experience'],
    status: 'rejected',
    links: [['duplicates', 'attendees']],
    comments: ['paul: Closing as a duplicate of {attendees}; the email now links to that page.'],
  },
  {
    type: 'debt',
    title: 'Remove the legacy meeting form kept for the old import path',
    problem: 'Two meeting forms means every new field is built and tested twice.',
    value: [1, 2, 5],
    size: 3,
    seg: ['secretariat'],
    labels: ['tech-debt'],
  },
];
