// Sample journal messages for latency runs (varied length and tone; none is a real person's).
export const MESSAGES = [
  "The exam went fine and I am looking forward to the weekend.",
  "Work was busy today but I got through my list and cooked a nice dinner.",
  "I keep thinking everyone at the meeting noticed how nervous I was and now they think I'm useless.",
  "My sister didn't call back again. I always end up being the one who tries.",
  "I feel so tired of everything, like nothing I do matters and it will never get better.",
  "I should have finished the report yesterday; I'm such a failure at organising myself.",
  "Today was calm. I walked by the river and felt lighter than I have in weeks.",
  "I'm anxious about the appointment tomorrow and I can't stop imagining the worst.",
  "I got angry at my partner over nothing and now I feel ashamed.",
  "It's been lonely since I moved; the evenings are the hardest part.",
];
