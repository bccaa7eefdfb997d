import type { DemoItem } from './backlog.ts';
import { LEAGUE_EARLY } from './backlog-league-early.ts';

/**
 * Seed 001: Midwest Sports moves 2,500 teams in 4 cities off Bracket Wizard and spreadsheets, and
 * plans to grow to 15 cities. The first 22 items become the closed sprints (registrations,
 * payments, schedules, standings); the live backlog holds the refinement session of the seed.
 */
export const LEAGUE_BACKLOG: DemoItem[] = [
  ...LEAGUE_EARLY,
  // ── Planned sprint: the refinement session of seed 001 ──
  {
    ref: 'importSpike',
    type: 'spike',
    title: 'Spike: data import from Bracket Wizard',
    problem:
      'The import could take 2 days or 2 weeks; that uncertainty blocks a forecast of the whole project.',
    description:
      'Added by the team ahead of the import story: spiking sooner rather than later narrows the forecast for the rest of the project. Time-boxed to 3 days.',
    value: [3, 8, 13],
    size: 3,
    by: 'theo',
    seg: ['admins'],
    labels: ['import'],
    ac: [
      'Given a sample Bracket Wizard export, when we import one league, then we can estimate the full import within a day',
    ],
    status: 'ready',
    links: [['blocks', 'import']],
    comments: [
      'theo: @Paul Durand I added this spike and ranked it high: the import is the biggest unknown in our forecast. Why now: every week we wait, the release date stays a guess.',
      'paul: Makes sense. Next time give me a heads-up when you add items, but keep it where it is.',
    ],
  },
  {
    ref: 'filter',
    type: 'story',
    title: 'View all teams in a league, filter by sponsor',
    problem:
      'The admin in charge of each league answers sponsor questions and needs that sponsor’s teams quickly; today they scroll a paged list of up to 200 teams.',
    description:
      'Paged table with sortable and filterable columns.\n\n**Agreed in refinement:** release with filtering by sponsor name; sorting by sponsor is much more expensive and is split out into its own item, to revisit if admins ask for it.',
    value: [8, 5, 2],
    size: 5,
    by: 'theo',
    seg: ['admins', 'sponsors'],
    labels: ['teams', 'sponsors'],
    ac: [
      'Given a league with 40 teams, when I open its team list, then I see 25 teams per page with name, captain, division and sponsor',
      'Given teams with several sponsors, when I filter on “Lakeside Brewing”, then only that sponsor’s teams are listed',
      'Given a sponsor with no teams, when I filter on them, then I see an empty list that says so',
    ],
    rc: true,
    status: 'ready',
    links: [['relates', 'sortSponsor']],
    comments: [
      'theo: How important is sorting on sponsor name? Filtering is cheap; sorting is much more expensive than the other columns. @Paul Durand are we OK to release with filtering only?',
      'paul: We heard it is useful to each league’s admin, but yes: release with filtering, evaluate sorting later if we get a ton of requests. Thanks @Theo Okafor.',
      'tess: I added the empty-sponsor scenario; the old spreadsheet showed a blank page there.',
    ],
  },
  {
    type: 'debt',
    title: 'Remove copy-pasted fixture validation',
    problem:
      'The same fixture validation is copied into registration, scheduling and rescheduling; every rule change is made three times and tested three times.',
    description:
      '**Why this item:** a developer loses about 2 h and QA about 2 h every week keeping the copies in step.\n\n**Why now:** the fix is 12–16 h; at ~4 h saved per week it breaks even in 3–4 weeks, and the sooner it is done the more we save.',
    value: [3, 5, 8],
    size: 5,
    by: 'tara',
    seg: ['admins'],
    labels: ['tech-debt'],
    ac: [
      'Given one fixture rule changes, when we change it, then registration, scheduling and rescheduling all apply it from one place',
    ],
    status: 'ready',
    comments: [
      'tara: @Paul Durand the case in 30 seconds: 12–16 h once, ~4 h back every week, break-even in 3–4 weeks.',
      'paul: Clear. Ranked above the new roster features.',
    ],
  },
  {
    ref: 'cityTag',
    type: 'enabler',
    title: 'Every league and admin account belongs to a city',
    problem:
      'Nothing in the data says which city a league or an admin belongs to, so access cannot follow it.',
    value: [3, 8, 8],
    size: 3,
    seg: ['admins'],
    labels: ['access', 'growth'],
    ac: [
      'Given the 4 current cities, when the migration runs, then every league and admin has exactly one city',
    ],
    status: 'ready',
    links: [['blocks', 'cityAccess']],
  },
  {
    ref: 'cityAccess',
    type: 'story',
    title: 'Admins see and edit only their own city’s leagues',
    problem:
      'Before growing from 4 to 15 cities, Midwest Sports wants each admin locked to their city: a Milwaukee admin must not see or edit Chicago’s leagues.',
    description:
      'Not something they have today and outside the MVP goal as first written (replicate Bracket Wizard). The real goal is to let the business scale city by city, and stakeholders say they would delay the release for this.',
    value: [8, 13, 8],
    size: 13,
    seg: ['admins'],
    labels: ['access', 'growth'],
    ac: [
      'Given I am an admin in Milwaukee, when I open the league list, then I see only Milwaukee leagues',
      'Given I am an admin in Milwaukee, when I open a Chicago league by its link, then I am told it does not exist',
    ],
    rc: true,
    comments: [
      'theo: I get why they want it, but it is messy and expensive, and we agreed the MVP replicates Bracket Wizard.',
      'paul: Stakeholders told me: if everything else were ready, they would delay the release for this. Growth to 15 cities depends on it.',
      'fiona: @Theo Okafor @Paul Durand could we split it? The city tag first (an enabler), then access rules on top.',
      'tara: Split done: {cityTag} blocks this one. Sized at 13 after the split; still at our threshold.',
    ],
  },
  // ── The rest of the backlog ──
  {
    ref: 'import',
    type: 'story',
    title: 'Import leagues, teams and fixtures from Bracket Wizard',
    problem:
      'Admins keep two systems in step by hand until the data moves over; the switch-over date depends on it.',
    value: [13, 8, 5],
    seg: ['admins'],
    labels: ['import'],
    rc: true,
    ac: [
      'Given a full Bracket Wizard export for one city, when we import it, then leagues, teams and fixtures match the export',
    ],
    comments: [
      'tess: Not estimable until {importSpike} is done; I will bring the sample exports to the spike.',
    ],
  },
  {
    ref: 'sortSponsor',
    type: 'story',
    title: 'Sort the team list by sponsor name',
    problem:
      'Some league admins say they would like teams ordered by sponsor when preparing sponsor reports.',
    description:
      'Split out of the team list in refinement. Teams and sponsors live in different domains and sorting happens in the database, so this needs a joined read model. Revisit if admins ask.',
    value: [3, 1, 1],
    size: 13,
    by: 'theo',
    seg: ['admins', 'sponsors'],
    labels: ['teams', 'sponsors'],
    ac: [
      'Given a league with 40 teams, when I sort by sponsor name, then teams are ordered by sponsor across all pages',
    ],
  },
  {
    type: 'story',
    title: 'Sponsors see their teams and results',
    problem: 'Sponsors ask admins every month how “their” teams are doing, to decide whether to renew.',
    value: [5, 2, 3],
    seg: ['sponsors'],
    labels: ['sponsors'],
  },
  {
    type: 'defect',
    title: 'Schedule puts a team in two matches at once with an odd number of teams',
    problem: 'With 9 teams the generator double-books one team each week; admins fix it by hand.',
    value: [8, 8, 3],
    size: 3,
    seg: ['admins', 'captains'],
    labels: ['schedules'],
    ac: [
      'Given a division of 9 teams, when I generate the schedule, then one team has a bye each week and none plays twice',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Re-register last season’s team in one step',
    problem: 'Most captains register the same team every season and re-type the whole roster.',
    value: [5, 5, 1],
    seg: ['captains'],
    labels: ['registrations'],
  },
  {
    type: 'story',
    title: 'Waitlist when a division is full',
    problem:
      'Full divisions turn captains away; when a team drops out, admins cannot remember who asked first.',
    value: [5, 3, 2],
    size: 3,
    seg: ['captains', 'admins'],
    labels: ['registrations'],
    ac: [
      'Given a full division with two teams waiting, when a registered team withdraws, then the first waiting captain is offered the place',
    ],
  },
  {
    type: 'story',
    title: 'Outstanding payments by league on the admin dashboard',
    problem: 'Finance asks each city for unpaid fees every Friday; admins build the answer by hand.',
    value: [3, 3, 2],
    size: 3,
    seg: ['admins'],
    labels: ['payments', 'reporting'],
    ac: [
      'Given two leagues with unpaid teams, when I open the dashboard, then I see the unpaid amount per league',
    ],
  },
  {
    type: 'story',
    title: 'Standings readable on a phone at the field',
    problem: 'Captains check standings on their phones after matches; the table overflows and they give up.',
    value: [5, 2, 1],
    seg: ['captains'],
    labels: ['standings', 'public-site'],
  },
];
