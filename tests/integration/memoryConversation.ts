/**
 * A hand-written long conversation between two friends over seven sessions
 * (a turn id `D<session>:<turn>` and a date per session), and questions
 * about it, each labelled with the turns that hold the answer. Many turns
 * are distractors on purpose: they share a word with a question (a dog, a
 * class, a race, a wedding, work) without answering it.
 */

export interface Turn {
  id: string;
  speaker: 'Priya' | 'Marcus';
  text: string;
  /** The session's date (ISO). */
  date: string;
}

export interface LabelledQuestion {
  question: string;
  /** Turns that hold the answer: each must be recalled. */
  evidence: string[];
  /** For a question with several right answers: turns of which one must be recalled. */
  oneOf?: string[];
}

const SESSIONS: { date: string; turns: [Turn['speaker'], string][] }[] = [
  {
    date: '2023-03-05T18:20:00Z',
    turns: [
      ['Priya', 'Hey Marcus! It has been ages. How is everything going with you?'],
      ['Marcus', 'Pretty good! Work has been hectic, but I finally joined a running club downtown.'],
      ['Priya', 'A running club, nice. I have big news: we adopted a rescue dog from the shelter on Friday.'],
      ['Marcus', 'No way! What breed is it?'],
      ['Priya', 'Some kind of beagle mix, very small and very curious. We named her Miso.'],
      ['Marcus', 'Miso is such a cute name. My neighbor has a dog that barks all night, I hope yours is calmer.'],
      ['Priya', 'She is calm at home, but the dog park makes her go wild.'],
      ['Marcus', 'Ha. Lily keeps asking for a puppy now that she is six.'],
      ['Priya', 'Six already! Time flies. How is she doing at school?'],
      ['Marcus', 'She loves her art class, she brings home a painting every week.'],
    ],
  },
  {
    date: '2023-04-16T10:05:00Z',
    turns: [
      ['Marcus', 'Morning Priya. How is Miso settling in?'],
      ['Priya', 'Really well. Oh, and I started a pottery class on Saturday mornings, my first time at a wheel.'],
      ['Marcus', 'That sounds relaxing. I took a cooking class years ago and burned everything.'],
      ['Priya', 'My aunt sells pottery at the farmers market, so I guess it runs in the family.'],
      ['Marcus', 'Will you make me a mug?'],
      ['Priya', 'Only if it survives the kiln! What about you, any news?'],
      ['Marcus', 'I am training for the Chicago marathon in October. Running five days a week.'],
      ['Priya', 'Five days! My knees hurt just thinking about it.'],
      ['Marcus', 'The club has a coach who builds the plans, it helps a lot.'],
      ['Priya', 'At work the race for the team lead promotion is getting intense.'],
      ['Marcus', 'Good luck with that. Are you still at the hospital?'],
    ],
  },
  {
    date: '2023-05-21T20:40:00Z',
    turns: [
      ['Priya', 'Marcus, I just got back from my trip to Lisbon with my college friends.'],
      ['Marcus', 'Jealous! What was the highlight?'],
      ['Priya', 'The custard tarts, and a tram ride up to the old castle at sunset.'],
      ['Marcus', 'We are thinking about a trip too, maybe the mountains.'],
      ['Priya', 'Miso stayed with my parents while I was away, she got completely spoiled.'],
      ['Marcus', 'Speaking of news, we are moving to Denver in August because my wife got a job at the university there.'],
      ['Priya', 'Denver! That is a big change. Are you excited?'],
      ['Marcus', 'Mostly. Lily is sad about leaving her friends, but she likes the idea of snow.'],
      ['Priya', 'Snow is a strong argument when you are six.'],
      ['Marcus', 'I will miss the band though. I play bass in a small jazz band on Thursday nights.'],
      ['Priya', 'You have to find a new band in Denver!'],
    ],
  },
  {
    date: '2023-06-25T15:30:00Z',
    turns: [
      ['Priya', 'My sister Anjali got married last Saturday, the wedding was beautiful.'],
      ['Marcus', 'Congratulations to her! Where was the ceremony?'],
      ['Priya', 'In a vineyard outside Sonoma. I gave a speech and cried through half of it.'],
      ['Marcus', 'That sounds perfect. We went to a wedding in Denver last month while house hunting.'],
      ['Priya', 'Did you find a house?'],
      ['Marcus', 'Yes, a small place near a park, Lily already picked her room.'],
      ['Priya', 'Also, I finally switched careers. I am a data analyst at the hospital now, no more night shifts as a nurse.'],
      ['Marcus', 'That is huge! Congrats. How do you like it?'],
      ['Priya', 'I love it. Spreadsheets do not yell at you at three in the morning.'],
      ['Marcus', 'Work has been hectic for me too, we are shipping a big release before the move.'],
    ],
  },
  {
    date: '2023-08-14T07:45:00Z',
    turns: [
      ['Marcus', 'Greetings from Denver! The boxes are everywhere.'],
      ['Priya', 'Welcome to your new home! How was the drive?'],
      ['Marcus', 'Long. Lily counted every cow between Omaha and here.'],
      ['Marcus', 'I ran twenty miles this morning, the longest run of my training so far.'],
      ['Priya', 'At this altitude? You are brave.'],
      ['Marcus', 'My lungs disagree with the word brave.'],
      ['Priya', 'Miso is terrified of thunderstorms, we had a huge one last night and she hid under the bed.'],
      ['Marcus', 'Poor thing. Lily is afraid of the dark, she sleeps with a lamp on.'],
      ['Priya', 'I glazed my first bowl in pottery class, it is lopsided but I love it.'],
    ],
  },
  {
    date: '2023-09-10T12:00:00Z',
    turns: [
      ['Marcus', 'Lily turns seven next week, we are planning a small party.'],
      ['Priya', 'Seven! What does she want?'],
      ['Marcus', 'Art supplies and a cake shaped like a cat.'],
      ['Priya', 'Miso would like to attend, for the cake.'],
      ['Marcus', 'I started volunteering at the food bank every other Sunday, sorting donations with the neighbors.'],
      ['Priya', 'That is lovely. We did a charity walk at the hospital last month.'],
      ['Marcus', 'The marathon is in four weeks, I am tapering now.'],
      ['Priya', 'I will watch the live tracker!'],
      ['Marcus', 'And I found a jazz jam session on Wednesdays here, so the bass is back out.'],
    ],
  },
  {
    date: '2023-10-15T19:10:00Z',
    turns: [
      ['Priya', 'So? How did the marathon go?'],
      ['Marcus', 'I finished the Chicago marathon in three hours fifty-two minutes! My legs are gone.'],
      ['Priya', 'Amazing, under four hours on your first one!'],
      ['Marcus', 'For Lily\'s birthday I made homemade ramen, her favorite, and she asked for seconds.'],
      ['Priya', 'You and your ramen. Did the cat cake happen?'],
      ['Marcus', 'It looked more like a potato, but she loved it.'],
      ['Priya', 'We are thinking about a second dog, a friend for Miso.'],
      ['Marcus', 'Two dogs! Your apartment will be chaos.'],
      ['Priya', 'I got the team lead promotion, by the way, I start in November.'],
      ['Marcus', 'That is great news, you earned it.'],
      ['Priya', 'Thanks! Next year I want to go back to Portugal, maybe Porto this time.'],
      ['Marcus', 'Send me pictures of the tarts.'],
    ],
  },
];

/** Every turn of the conversation, in order. */
export const CONVERSATION: Turn[] = SESSIONS.flatMap((session, s) =>
  session.turns.map(([speaker, text], t) => ({ id: `D${s + 1}:${t + 1}`, speaker, text, date: session.date })),
);

/** Questions a person might ask about the conversation, with the turns that answer them. */
export const QUESTIONS: LabelledQuestion[] = [
  { question: "What is the name of Priya's dog?", evidence: ['D1:5'] },
  { question: 'When did Priya adopt her dog?', evidence: ['D1:3'] },
  { question: 'When did Priya start taking pottery classes?', evidence: ['D2:2'] },
  { question: 'What race was Marcus training for?', evidence: ['D2:7'] },
  { question: 'Where did Priya go on her trip with her college friends?', evidence: ['D3:1'] },
  { question: 'Why did Marcus move to Denver?', evidence: ['D3:6'] },
  { question: 'What does Marcus play in his band?', evidence: ['D3:10'] },
  { question: "Where was Priya's sister's wedding?", evidence: ['D4:1', 'D4:3'] },
  { question: 'What job does Priya have now after leaving nursing?', evidence: ['D4:7'] },
  { question: 'What is Miso scared of?', evidence: ['D5:7'] },
  { question: 'How far did Marcus run after moving?', evidence: ['D5:4'] },
  { question: 'What did Marcus cook for his daughter Lily on her birthday?', evidence: ['D7:4'] },
  { question: 'Where does Marcus volunteer?', evidence: ['D6:5'] },
  { question: 'How long did it take Marcus to finish the marathon?', evidence: ['D7:2'] },
  { question: 'Did Priya get the promotion to team lead?', evidence: ['D7:9'] },
  // That day Marcus arrived in Denver, drove there, and ran twenty miles: any is an answer.
  { question: 'What did Marcus do on 14 August 2023?', evidence: [], oneOf: ['D5:1', 'D5:3', 'D5:4'] },
  { question: 'Where does Priya want to travel next year?', evidence: ['D7:11'] },
  { question: 'How old was Lily when the two friends talked in March 2023?', evidence: ['D1:8'] },
];
