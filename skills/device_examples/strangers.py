"""Sentences for device.on, device.off, device.set and device.query in strangers' registers.

Written for this project on 2026-12-04 by a helper session, from the intents' definitions
alone, to cover the ways people other than the template authors talk to lights, plugs,
sockets, fans, heaters, thermostats, speakers and appliances: terse commands, full
requests, indirect statements of need, chatty run-ons, lowercase voice transcripts with
fillers, typos and texting shortcuts, non-native phrasings and polite questions. Every
sentence was written from scratch; none is copied from a public dataset, tutorial or other
project. They are literal sentences, not templates: they contain no `(a|b)`, `[optional]`
or `{slot}` syntax, and rooms and devices are named outright.
"""

from __future__ import annotations

ON: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "desk lamp on",
    "kitchen lights pls",
    "bedroom plug on",
    "ceiling fan on in the loft",
    "space heater on, study",
    "porch light on",
    "socket by the tv on",
    "fairy lights on",
    "coffee machine on",
    "bathroom fan on",
    # -- full requests -----------------------------------------------------------------------
    "Please switch on the hallway light.",
    "Power up the smart socket next to my desk.",
    "Turn on the floor lamp in the living room, please.",
    "Switch on the electric blanket in the main bedroom.",
    "Please get the tower fan in the study running.",
    "Turn on the outlet the Christmas tree is plugged into.",
    "Switch the patio heater on.",
    "Turn the LED strip under the kitchen cabinets on.",
    "Please power on the dehumidifier in the basement.",
    # -- indirect statements of need -----------------------------------------------------------
    "It's pitch dark on the stairs.",
    "I can barely see my keyboard in here.",
    "I'm freezing in the study, I could use the space heater.",
    "It's so stuffy in the bedroom, I need the fan going.",
    "I can't read my book, the reading lamp would help.",
    "Guests are arriving soon and the porch is completely dark.",
    "The nursery is too dark for me to find the nappies.",
    "I need the kettle plug live so the water's hot when I get down.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "I'm just settling in on the sofa with a film so "
        "could you get the floor lamp in the lounge on for me"
    ),
    (
        "The kids are coming back from the park any minute and "
        "it's getting dark, so light up the front garden please"
    ),
    "I've just stepped out of the shower and it's really cold, can the heated towel rail come on",
    (
        "Working late again tonight, so could you switch on "
        "the lamp on my desk and the plug for the monitor"
    ),
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um turn the desk lamp on",
    "okay so switch on the bedroom plug",
    "uh can you get the kitchen lights going",
    "hey put the hallway light on would ya",
    "um the fan in the office on please",
    "okay so power on the socket by the window",
    "hey uh bedside lamp on",
    "so um can we have the garden lights on tonight",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "trn on desk lmp",
    "swich on the fan plz",
    "lites on in kitchn",
    "turn on bedrm plug thx",
    "hallway lite on pls",
    "tun on the heatr in the office",
    "swtch the lamp on in the lounge",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please open the light in the kitchen.",
    "Make the fan to work in the bedroom.",
    "Put on the lamp of the salon please.",
    "You can light the hallway lamp?",
    "Give power to the plug of the bedroom.",
    "Please start the heater of the office, is very cold.",
    "Open please the lights of the garden.",
    # -- questions ---------------------------------------------------------------------------
    "Could you possibly switch the garden lights on?",
    "Can you power up the aquarium plug?",
    "Would you turn the heated towel rail on?",
    "Can you get the air purifier in the nursery going?",
    "Could you switch the printer socket on?",
    "Would you mind putting the bedside lamp on?",
    "Can you flip the bathroom light on for me?",
]

OFF: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "desk lamp off",
    "bedroom plug off",
    "kill the porch light",
    "socket by the tv off",
    "study fan off",
    "all the downstairs lights off",
    "space heater off now",
    "fairy lights off",
    "kitchen spots off",
    "coffee machine off",
    # -- full requests -----------------------------------------------------------------------
    "Please switch off the hallway light.",
    "Power down the smart socket next to my desk.",
    "Turn off the floor lamp in the living room, please.",
    "Switch the electric blanket off.",
    "Please shut the tower fan in the study off.",
    "Cut the power to the outlet the Christmas tree is on.",
    "Turn the patio heater off, please.",
    "Turn off the LED strip in the kitchen.",
    "Please power off the dehumidifier in the basement.",
    # -- indirect statements of need -----------------------------------------------------------
    "I'm heading out and the space heater is still on.",
    "Nobody's in the garage, that light doesn't need to be on.",
    "The hallway light is shining under my door and I can't sleep, switch it off.",
    "I'm done with the iron, cut the plug.",
    "It's chilly enough already, the bedroom fan can go off.",
    "We don't need the garden lights anymore, everyone's gone home.",
    "I'm going to bed, the lounge lamps can go off.",
    "The kettle's boiled, you can switch the plug off.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "I'm about to leave for the weekend so please make sure "
        "the heater and the lamp in the study are switched off"
    ),
    "The baby's finally asleep so could you turn the nursery light off without waking her",
    "I left the monitor plug on in the office all night again, can you kill it for me",
    "Movie's starting now, so the big ceiling light in the lounge can go off please",
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um turn the desk lamp off",
    "okay so switch off the bedroom plug",
    "uh can you shut the kitchen lights off",
    "hey kill the hallway light would ya",
    "um the fan in the office off please",
    "okay so power off the socket by the window",
    "hey uh bedside lamp off",
    "so um the garden lights can go off now",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "trn off desk lmp",
    "swich off the fan plz",
    "lites off in kitchn",
    "turn of bedrm plug thx",
    "hallway lite off pls",
    "shut of the heatr in the office",
    "swtch the lamp off in the lounge",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please close the light in the kitchen.",
    "Make the fan to stop in the bedroom.",
    "Put off the lamp of the salon please.",
    "You can extinguish the hallway lamp?",
    "Take away the power from the plug of the bedroom.",
    "Please stop the heater of the office, is too hot now.",
    "Close please the lights of the garden.",
    # -- questions ---------------------------------------------------------------------------
    "Could you possibly switch the garden lights off?",
    "Can you power down the aquarium plug for the night?",
    "Would you turn the heated towel rail off?",
    "Can you shut the air purifier in the nursery off?",
    "Could you switch the printer socket off?",
    "Would you mind putting the bedside lamp off?",
    "Can you flip the bathroom light off for me?",
]

SET: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "lights to 40",
    "kitchen lights 70 percent",
    "desk lamp warmer",
    "thermostat 19",
    "bedroom lamp blue",
    "fan speed 2",
    "dimmer in the lounge",
    "heat down one",
    "speaker volume 25",
    "hallway light 10 percent",
    "bulb to purple",
    "lounge lights daylight white",
    "ceiling fan to low",
    # -- full requests -----------------------------------------------------------------------
    "Please make the living room lights a warmer colour.",
    "Set the bedroom lights to 30 percent.",
    "Change the bulb in the desk lamp to purple.",
    "Turn the thermostat down to 18 degrees.",
    "Set the kitchen speaker volume to 15.",
    "Put the tower fan on its highest speed.",
    "Set the colour temperature of the study lights to 3000 kelvin.",
    "Dim the hallway light to about a quarter.",
    "Make the LED strip in the lounge a deep red.",
    "Raise the heating to 22 degrees, please.",
    "Turn the bedroom speaker down to half volume.",
    "Set the porch light to full brightness.",
    # -- indirect ----------------------------------------------------------------------------
    "It's a bit too bright in the study, could it be toned down.",
    "The lounge lamps are really harsh, I'd like something softer.",
    "I'm roasting, the heating doesn't need to be so high.",
    "The kitchen speaker is way too loud.",
    "I can hardly hear the bedroom speaker.",
    "The bedroom's a little chilly, could do with another degree or two.",
    "This white light is giving me a headache, something more yellow would be nicer.",
    "The fan is blowing my papers everywhere, it's too strong.",
    "I want a cosy orange glow in the living room for tonight.",
    "The nursery lamp is too bright for the night feed.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "We've got friends coming over for dinner so could you "
        "make the dining room lights a bit softer and warmer"
    ),
    "I'm trying to read in bed but the lamp's too dim, can you bring it up to about 80",
    "The thermostat's been on 23 all day and the bills are scary, knock it down to 20 please",
    (
        "My daughter wants her room pink for her sleepover "
        "tonight, so change her ceiling light to pink"
    ),
    "It's boiling in the office this afternoon, can you turn the fan up to its top setting",
    "Can you make the kitchen lights that bright cool white, I'm trying to see what I'm chopping",
    # -- voice transcripts ---------------------------------------------------------------------
    "hey um make the lights warmer",
    "okay so bedroom lights to like fifty",
    "uh a bit brighter please",
    "hey can you dial the heat down a notch",
    "um turn the kitchen speaker up a little",
    "okay so change the lamp to green",
    "hey set the fan to medium",
    "uh thermostat to twenty one please",
    "so um can the lounge be dimmer like way dimmer",
    "hey make the desk lamp cooler white",
    "okay turn the bedroom lights down to ten percent",
    "um the study speaker is too quiet turn it up",
    "hey uh put the hallway light at half",
    "uh can you make the bulb in the landing like a sunset colour",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "dim lounge lites to 20",
    "make kitchn lights brigther",
    "thermostat 2 20 plz",
    "chnage bulb colour 2 red",
    "fan spd up pls",
    "speakr vol down abit",
    "warmr light in bedrm",
    "set lamp 2 60%",
    "turn heat dwn 2 degrees",
    "brighness 90 in the study",
    # -- non-native phrasings ------------------------------------------------------------------
    "Please make the light more strong in the kitchen.",
    "Put the temperature of the house at 21 degree.",
    "Make less loud the speaker of the kitchen.",
    "The lamp please in color violet.",
    "Please you reduce the force of the fan.",
    "I want the light more yellow and less white in the salon.",
    "Make more hot the heating of one degree.",
    "Put the lights to the half of the force.",
    "Lower a little the light of the bedroom please.",
    "Please increase the sound of the speaker in living room.",
    # -- questions ---------------------------------------------------------------------------
    "Could you possibly dim the dining room lights a touch?",
    "Can you set the thermostat to 20.5?",
    "Would you make the bedroom lamp a soft orange?",
    "Can you turn the fan down to the lowest speed?",
    "Could you bring the kitchen lights up to 100 percent?",
    "Can you knock the lounge speaker volume down a couple of notches?",
    "Would you change the colour temperature in the study to something cooler?",
    "Could you set the bathroom lights to 50?",
    "Can you make it one degree cooler in the bedroom?",
    "Could you warm up the light colour in the hallway?",
    "Can you set the LED strip to a calm blue?",
    "Could the heating go up to 21 for an hour?",
    "Can you make the porch light a little dimmer?",
    "Would you raise the volume on the office speaker to 40?",
    "Could you switch the ceiling fan to its breeze setting?",
]

QUERY: list[str] = [
    # -- terse -------------------------------------------------------------------------------
    "kitchen lights on?",
    "thermostat setting?",
    "bedroom plug status",
    "heater still running?",
    "desk lamp on or off",
    "lounge temp?",
    # -- full requests -----------------------------------------------------------------------
    "Tell me whether the space heater in the study is on.",
    "Please check if the porch light is still on.",
    "Let me know what the thermostat is set to.",
    "Tell me the brightness of the living room lights.",
    "Show me which plugs are switched on.",
    # -- indirect ----------------------------------------------------------------------------
    "I can't remember if I switched off the iron plug.",
    "I'm not sure whether I left the hallway light on.",
    "I wonder if the electric blanket is still on.",
    "I need to know how warm the nursery is.",
    # -- chatty and long -----------------------------------------------------------------------
    (
        "I'm already halfway to work and I have a horrible "
        "feeling the hair straighteners plug is still on, is it"
    ),
    (
        "The house felt really cold when I left this morning, "
        "what's the thermostat actually at right now"
    ),
    (
        "Before I go to sleep can you tell me if anything's "
        "still on downstairs, lamps, heater, whatever"
    ),
    # -- voice transcripts ---------------------------------------------------------------------
    "hey are the lights still on in the kitchen",
    "um what's the thermostat at",
    "okay so is the bedroom fan running",
    "uh did i leave the desk lamp on",
    "hey what colour is the lounge lamp right now",
    "so um how hot is it in the study",
    # -- typos and texting shortcuts -----------------------------------------------------------
    "is the heatr on",
    "wats the thermostat set 2",
    "r the kitchn lites on",
    "is bedrm plug on?",
    "hw warm is the lounge",
    # -- non-native phrasings ------------------------------------------------------------------
    "The light of the kitchen is open or closed?",
    "Which is the temperature of the house now?",
    "The fan of the bedroom is working?",
    "Please say me if the heater is on.",
    "How much is the volume of the speaker?",
    # -- questions ---------------------------------------------------------------------------
    "Could you check whether the garden lights are still on?",
    "Can you tell me how bright the study lights are?",
    "Is the smart socket by the desk powered?",
    "What speed is the ceiling fan in the loft on?",
    "Is the bathroom heater still going?",
    "Has the tower fan in the study been left on?",
]
