"""Sentences for reminder.create, reminder.list and reminder.cancel in strangers' registers.

Written for this project on 2026-12-04 by a helper session, from the intents' definitions
alone, to cover the ways people other than the template authors phrase these requests:
terse commands, full requests, indirect statements of need, chatty run-ons, lowercase voice
transcripts with fillers, typos and texting shortcuts, non-native phrasings and polite
questions. Every sentence was written from scratch; none is copied from a public dataset,
tutorial or other project. They are literal sentences, not templates: they contain no
`(a|b)`, `[optional]` or `{slot}` syntax, and names, times and days are spelled out.
"""

from __future__ import annotations

CREATE: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "alarm 5:40 tmrw",
    "timer 12 mins",
    "dentist tues 4pm, add it",
    "reminder: bins out sunday night",
    "alarm weekdays 6:50",
    "meeting w/ Priya fri 10am",
    "new event team standup monday 9:15",
    "rent reminder on the 1st",
    "haircut saturday 11, calendar please",
    "8 min timer for the rice",
    "alarm quarter to 5",
    "lunch with Sam friday 1pm, put it in",
    "wake up call 6:10",
    "call with Grace thursday 2:30, book it",
    # -- full requests -----------------------------------------------------------------------
    "Please add lunch with Sam to my calendar on Friday at 12:30.",
    "Set up a meeting with the design team tomorrow at 3pm.",
    "Schedule my dentist checkup for next Tuesday at 9 in the morning.",
    "Create a calendar event called Grandma's birthday dinner on the 18th at 7pm.",
    "Remind me to renew my passport on the first of March.",
    "Set an alarm for 6:20 every weekday, please.",
    "Book a one hour call with Marcus on Thursday at 2.",
    "Add Ellie's parent teacher conference to my calendar for Wednesday at 4:30.",
    "Set a timer for forty five minutes for the bread.",
    "Please wake me up at 7:05 tomorrow morning.",
    "Add a weekly gym session to my calendar every Monday at 8.",
    "Put in a reminder to water the tomatoes at 6 this evening.",
    "Schedule a video call with Hiro and Fatima for Tuesday at 11.",
    "Add the quarterly review to my calendar on the 22nd from 10 to noon.",
    "Make an alarm for 4:45 on Saturday, I have an early shift.",
    # -- indirect statements of need -----------------------------------------------------------
    "I need to be up by 5:30 tomorrow for the airport.",
    "I've got to leave for the train at 7:10, don't let me oversleep.",
    "I can't miss my physio on Thursday at 11, it needs to go in the calendar.",
    "The plumber is coming Wednesday at 8, I'll need that in the diary.",
    "My flight is at 9 on Sunday so I have to be awake at 5.",
    "I always forget the recycling goes out on Tuesday nights, a nudge at 8 would help.",
    "The cake needs 35 minutes, let me know when it's done.",
    "I have a job interview next Monday at 10 and it has to be on my calendar.",
    "Tomorrow I have to ring the bank before noon, a heads up at 11 would be great.",
    "I'll need a nudge at half three to collect Noah from football.",
    "Mum's birthday is on the 9th and I'd hate to forget to call her that morning.",
    "I'm meeting Chloe for coffee on Sunday at 10, that should go in my schedule.",
    "My pills have to be taken at 9 every night.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "So my sister is visiting next weekend and we're doing "
        "brunch Saturday at 10, could you pop that into my calendar"
    ),
    "Honestly I slept through my alarm twice this week, so set one for 6:30 and a backup at 6:40",
    (
        "My boss just asked for a catch up with the whole "
        "team tomorrow around 3, can you book that in for me"
    ),
    "I promised Mum I'd phone her on Sunday evening and I'll forget unless you remind me at 6",
    (
        "Right, the car has its MOT on the 14th at 8:30 and "
        "the garage is miles away, so stick it in the calendar"
    ),
    (
        "We're finally doing the book club again, first Thursday "
        "of every month at 7, add it as a repeating event"
    ),
    "I'm going to put the roast in now, give me a shout in an hour and twenty minutes",
    (
        "There's a parents evening at the school on Wednesday "
        "from 5 to 7, can that go in my diary please"
    ),
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um set an alarm for like six fifteen tomorrow",
    "okay so put dentist on the calendar next tuesday at two thirty",
    "uh remind me to grab milk on the way home at five",
    "okay so i need a meeting with jordan and lee on wednesday at ten can you book it",
    "um timer for twenty minutes for the pasta",
    "hey add an event for the school play on the twelfth at six pm",
    "so yeah alarm on weekdays at six forty five please",
    "remind me uh tomorrow morning to email the landlord about the boiler",
    "hey so i gotta be up at four thirty for the fishing trip",
    "okay um put lunch with ben on thursday at one in my calendar",
    "uh yeah set a timer eight minutes for the eggs",
    "hey can you schedule a call with the vet friday morning at nine",
    "um so the kids have swimming saturday at ten put that on the calendar",
    "okay wake me up at seven tomorrow and also at seven thirty just in case",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "remind me 2 call mum @ 7",
    "set alrm 4 6am pls",
    "add mtg w/ Dana tmrw 3pm",
    "schedual dentist next tues",
    "wake me up @ 530 thx",
    "pls put drs appt on cal thurs 10am",
    "remnd me pik up kids 3:15",
    "timr 15 min",
    "calender event bday party sat 2pm",
    "remind me take meds at 9 tonite",
    "creat event lunch w raj weds 12",
    "alarm 4 sat 8am plz",
    "bk a mtg with the team tmrw aftrnoon 3",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please you make an alarm for tomorrow at six o'clock.",
    "I want that you remind me the meeting with Carlos on Monday.",
    "Can you to put in my calendar the appointment with doctor for Friday?",
    "Make for me a timer of ten minutes.",
    "Tomorrow I must wake up at 5, please do alarm.",
    "Please add one event in calendar, dinner with Yuki, Saturday 8 in the evening.",
    "I have reunion with the team on Thursday 2pm, please schedule it.",
    "Put for me alarm every day of work at 6 and half.",
    "Please to inform me at 4 hour that I must go to the bank.",
    "Is possible to make appointment in calendar for the hairdresser at Tuesday?",
    "Tomorrow at morning I have the exam, wake me at 6 please.",
    "Write in my agenda the visit of Nikolai next Wednesday.",
    # -- questions ---------------------------------------------------------------------------
    "Can you wake me at 6:45 on Saturday?",
    "Could you possibly schedule a call with the accountant for Friday morning?",
    "Would you set a timer for 3 minutes for my tea?",
    "Could you add a reminder to renew the car insurance before the 30th?",
    "Can you book in a haircut for next Saturday at 11?",
    "Is it possible to set an alarm for every weekday at 6?",
    "Could you put Olivia's recital on my calendar for the 9th at 5pm?",
    "Mind setting a reminder to defrost the chicken at 4?",
    "Can you block out Thursday from 1 to 3 for the dissertation?",
    "Would you mind adding a doctor's appointment on the 3rd at 10:40?",
    "Could you get me up at 5:50 tomorrow?",
    "Can you make a repeating alarm for Sundays at 9?",
    "Could you set up a meeting with Aisha and Tom for Monday after lunch?",
    "Will you remind me at 8 tonight to charge the scooter?",
    "Can you add an event, Mei's leaving drinks, Friday at 6?",
    "Any chance you could wake me at ten past seven?",
    "Could you possibly pencil in a call with Raj for Wednesday at 4?",
    "Could you add a standing meeting with Fatima every other Friday at 3?",
    "Set a reminder for the 2nd of June to book flights.",
    "I need waking at 6:05 on Monday.",
    "uh timer ninety seconds",
]

LIST: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "alarms set for tmrw?",
    "next appointment",
    "anything booked saturday?",
    "calendar thursday",
    "my meetings today",
    "agenda tomorrow",
    "alarm time tomorrow?",
    "reminders this week?",
    "free at 3 today?",
    "monday's schedule",
    "meetings friday?",
    "upcoming events",
    # -- full requests -----------------------------------------------------------------------
    "Could you list all the meetings I have on Wednesday?",
    "Show me every appointment I have in March.",
    "Tell me what time my first meeting is tomorrow.",
    "Please read out the events on my calendar for next weekend.",
    "Let me know which alarms are currently switched on.",
    "What's my next appointment after the dentist?",
    "Show me my schedule for the rest of the day.",
    "List the reminders I've got for this evening.",
    "Tell me which days next week I have meetings.",
    # -- free or busy ------------------------------------------------------------------------
    "Am I free from 1 to 3 this Friday?",
    "Is Thursday afternoon clear for me?",
    "Have I got anything between lunch and five tomorrow?",
    "Do I have a gap for a call at 11 on Monday?",
    "Is there any free slot on Friday afternoon?",
    "Can I fit a half hour meeting in before noon tomorrow, or am I booked?",
    "Would Tuesday evening work, or have I got something on?",
    "Is my diary empty on Sunday?",
    "Am I tied up at all on the 17th?",
    "Is my calendar totally clear next Monday morning?",
    # -- indirect ----------------------------------------------------------------------------
    "I can't remember if I set an alarm for tomorrow.",
    "I'm not sure when my dentist appointment is.",
    "I think I've got something on Saturday but I forget what.",
    "I need to know if I'm busy Friday night before I say yes to Hannah.",
    "I'd like to see my schedule for the week.",
    "I wonder what time my meeting with Dana starts.",
    "I've lost track of what's booked for the weekend.",
    "I want to check my alarms before I go to sleep.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "Hannah wants to grab drinks Friday after work, "
        "do I have anything on that evening or am I clear"
    ),
    "Before I plan the weekend, can you run through what's already booked for Saturday and Sunday",
    "I have a feeling I double booked myself on Tuesday, can you show me what's in there",
    (
        "My manager wants to meet sometime Thursday, so "
        "what does my day look like and where are the gaps"
    ),
    (
        "Just so I know what I'm walking into tomorrow, how "
        "many meetings have I got and when's the first one"
    ),
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um what time is my alarm for tomorrow",
    "okay so what meetings do i have this afternoon",
    "uh am i doing anything thursday night",
    "hey whats next on my calendar",
    "so like do i have any reminders for today or not",
    "um when's the thing with priya again the call",
    "okay what does tuesday look like for me",
    "hey do i have to be anywhere early tomorrow morning",
    "um is there an alarm set for saturday or did i turn that off",
    "okay so when is the vet appointment for the dog",
    "uh what have i got going on next week",
    "hey am i free for lunch on wednesday",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "wats on 4 tmrw",
    "any mtgs 2day?",
    "do i hav anythng sat",
    "whens my nxt appt",
    "shw my remiders",
    "r any alarms on",
    "am i fre at 4 2moro",
    "cal for wed?",
    "wen is my alrm",
    "wat time is the mtg w/ marcus",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please tell me which appointments I have in this week.",
    "What is the hour of my alarm tomorrow?",
    "I have some meeting on Monday? Please check.",
    "Show to me the calendar of next week.",
    "At what hour is my doctor appointment?",
    "Is there something in my agenda for Sunday?",
    "Tell me please if I am occupied on Friday in the afternoon.",
    "Which are my reminders for today?",
    # -- questions ---------------------------------------------------------------------------
    "Can you check whether anything's scheduled for the 14th?",
    "Could you tell me how many alarms I have set?",
    "Could you possibly run me through Wednesday's schedule?",
    "Do I have any reminders left for tonight?",
    "Is the 6am alarm still set?",
    "Did I put the vet appointment in for Thursday?",
    "Which day is my haircut booked for?",
    "How many appointments do I have next week?",
    "What time's the team standup tomorrow?",
    "Have I got a reminder about the car service anywhere?",
    "When am I seeing Grace next?",
    "Is there anything in my calendar before 9 on Monday?",
    "Can you tell me what's planned for my birthday on the 21st?",
    "What's the last thing on my schedule today?",
    "Do I have any evening plans this week?",
    "so uh whats my week like",
]

CANCEL: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "kill the 6:30 alarm",
    "delete dentist appt",
    "alarms off for the weekend",
    "scrap friday's meeting",
    "remove all events saturday",
    "cancel the bins reminder",
    "clear tomorrow's calendar",
    "stop the egg timer",
    "delete 5:15 alarm",
    "drop the 2pm with Marcus",
    "lose the gym reminder",
    # -- full requests -----------------------------------------------------------------------
    "Please remove every event I have on Friday the 9th.",
    "Cancel my meeting with Marcus on Thursday.",
    "Scrap the dentist appointment next Tuesday.",
    "Remove the reminder about the electricity bill.",
    "Switch off the 5:45 weekday alarm for good.",
    "Delete the recurring Monday gym event from my calendar.",
    "Please cancel the call with the accountant tomorrow morning.",
    "Clear all the reminders I set for this weekend.",
    "Take the team lunch off my calendar for Wednesday.",
    "Delete every alarm I have set, please.",
    # -- indirect ----------------------------------------------------------------------------
    "I'm on holiday next week, so switch off all my alarms until the 20th.",
    "The dentist rang and cancelled, so you can delete that appointment.",
    "Lunch with Sam isn't happening anymore, take it off the calendar.",
    "I already paid the rent, so get rid of that reminder.",
    "I don't want any alarm going off on Saturday.",
    "Priya called off our catch up, so you can remove it.",
    "I've finished the course, the Thursday class reminders can be deleted.",
    "The school trip was called off, so it shouldn't be on my calendar anymore.",
    "No need for the pasta timer now, I took it off the hob.",
    # -- chatty and long -----------------------------------------------------------------------
    "Okay so the team offsite got cancelled, can you wipe it from my calendar",
    "I'm working from home tomorrow so there's no point in the 5:30 alarm, get rid of it",
    (
        "My daughter's recital got called off because the "
        "teacher is ill, so just remove it from the calendar"
    ),
    "We decided not to do the Friday book club anymore, so please delete all of those events",
    (
        "I keep getting that medication reminder even though "
        "the doctor stopped the pills, can you delete it"
    ),
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um delete the alarm for six thirty",
    "okay so cancel the meeting with jordan on wednesday",
    "um no more alarms this week okay",
    "hey get rid of all my reminders for today",
    "so yeah scrap the vet appointment on the third",
    "uh can you clear everything off saturday",
    "hey turn off the weekday alarm i dont need it",
    "okay um take the dinner with ben out of my calendar",
    "uh cancel the timer for the rice",
    "hey so the call with the bank is off delete it",
    "um remove the reminder about the parcel",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "cancl mtg w/ dana",
    "delet all alrms",
    "rmv the 8am alrm pls",
    "cancel dentst apt tues",
    "get rid of reminer abt gym",
    "clr my cal 4 fri",
    "del the 7am alarm thx",
    "scrap tmrw's mtgs",
    "cancle remindr 4 the pharmacy",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please erase the meeting of Monday with Carlos.",
    "I don't want anymore the alarm of 6 o'clock, remove it please.",
    "You can delete my appointment to the doctor on Friday?",
    "Make disappear all the events of tomorrow.",
    "Please take out from the calendar the dinner with Yuki.",
    "The alarm of the morning, please to delete it.",
    "Please annul my reservation of hairdresser on Saturday in the calendar.",
    "Remove for me all the reminders of this week.",
    # -- questions ---------------------------------------------------------------------------
    "Can you drop the 3pm meeting from today's calendar?",
    "Could you possibly remove every alarm I've set?",
    "Would you cancel the reminder to call the garage?",
    "Can you clear my schedule for Thursday afternoon?",
    "Could you delete the appointment with the optician?",
    "Can you switch off the Sunday alarm, I want a lie in?",
    "Would you mind wiping all the events from next Monday?",
    "Could you get rid of the timer, I don't need it?",
    "Can you take the haircut off my calendar?",
    "Could you stop the alarm that goes off at 7:20 every day?",
    "Can you delete the dinner with Aisha on Friday?",
    "Could you cancel all my reminders about the house viewing?",
    "Would you get rid of the call with Hiro on Tuesday?",
    "Can you remove the 9am standup from every day this week?",
    "Could you scrap the calendar entry for Noah's party?",
    "uh just wipe the whole of next week from the calendar",
    "nix the 4:30 alarm",
]
