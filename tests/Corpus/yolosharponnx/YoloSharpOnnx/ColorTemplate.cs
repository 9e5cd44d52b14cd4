using OpenCvSharp;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace YoloSharpOnnx
{
    internal static class ColorTemplate
    {
        public static Scalar HexToRgbaScalar(string hexColor)
        {
            byte r = byte.Parse(hexColor.Substring(1, 2), NumberStyles.HexNumber);
            byte g = byte.Parse(hexColor.Substring(3, 2), NumberStyles.HexNumber);
            byte b = byte.Parse(hexColor.Substring(5, 2), NumberStyles.HexNumber);

            return new Scalar(r, g, b);
        }
        public static string[] Get()
        {
            return
            [
                "#FF3838",
                "#91FF57", // Electric Lemon-Lime
                "#FF6F00", // Manic Tangerine Tango
                "#FF63A5", // Rambunctious Bubblegum Bliss
                "#FF6E79", // Hysterical Tomato Tornado
                "#FFB7E6", // Marshmallow Mayhem
                "#7BFFD9", // Hyperactive Hula Hoop Hue
                "#FFAC28", // Loony Lemonade Fizz
                "#3DE4E4", // Wacky Wobblegobble Blue
                "#FF70F9", // Giggling Grapefruit Glitz
                "#F6E734", // Sunshine Yellow Submarine
                "#C866E2", // Whimsical Wizard's Robe
                "#00FFA3", // Galactic Giggles Green
                "#FF9735", // Bonkers Traffic Cone Orange
                "#2DC7C2", // Cybernetic Circus Cyan
                "#EA22A8", // Disco Ball Dizziness
                "#F52E81", // Flamboyant Flamingo Fandango
                "#008D91", // Crazy Calypso Carnival
                "#B92854", // Raspberry Rebellion
                "#FF3C36", // Fire-breathing Dragon Red
                "#4BC862", // Enchanted Forest Green
                "#FFD900", // Sunflower Sunshine
                "#31B304", // Eco Warrior Green
                "#F514BE", // Electric Eel Extravaganza Pink
                "#AEC8FF", // Cloud Surfing Blue
                "#FF9D00", // Cheesy Puffs Explosion
                "#C7B102", // Golden Nugget Delight
                "#5EDC36", // Pickle Parade Green
                "#F34332", // Sizzle and Pop Red
                "#B221A7", // Wizard's Robe Wizardry
                "#EA5CFF", // Unicorn Mane Marvel Lavender
                "#77ECE9", // Minty Marvel Breeze
                "#C14A09", // Carrot Carnival Commotion
                "#F522A8", // Bubblegum Bonanza Pink
                "#F44E42", // Lobster Lagoon Red
                "#DA4E67", // Strawberry Swirl Spectacle
                "#DFA5FD", // Marshmallow Madness Lavender
                "#C38DFF", // Enchanted Castle Capers Purple
                "#C8D85B", // Lemon-Lime Lunacy
                "#2BACD1", // Tropical Tornado Blue
                "#F8A02E", // Pumpkin Perplexion
                "#C24C6F", // Watermelon Whirlwind Pink
                "#FF5D47", // Coral Catastrophe
                "#F7B44F", // Tangy Tangerine Tempest
                "#FFCB00", // Highlighter Hijinks
                "#19CAEA", // Iceberg Insanity Blue
                "#FF3E36", // Stop Sign Shenanigans
                "#C5D73F", // Lemon Larceny
                "#FF695E", // Blushing Buffoonery
                "#3B58E2", // Sapphire Slapstick Blue
                "#FF6000", // Blaze and Amaze Orange
                "#E44AA3", // Pink Panther Pandemonium
                "#B7FF00", // Alien Abduction Green
                "#CC32FF", // Grape Jelly Jamboree
                "#4FDECC", // Tropical Turbulence
                "#B3FFC1", // Minty Mayhem Green
                "#FF0000", // Lava Lamp Red
                "#EF4A32", // Sizzling Shenanigans Red
                "#2EE22E", // Froggy Frolic Frenzy Green
                "#FF793F", // Tangy Tangerine Twister
                "#FF3F96", // Cotton Candy Carnival
                "#6C8EFF", // Dreamy Deluge of Blue
                "#FF7E40", // Pumpkin Spice Party
                "#E859FF", // Magical Unicorn Mischief Lavender
                "#7E5E60", // Espresso Euphoria Brown
                "#33F2FF", // Cotton Candy Cloudscape Blue
                "#D4AE31", // Sunflower Spectacle
                "#FF00A6", // Shocking Pink Shenanigans
                "#64C204", // Green Gobbler
                "#FF4B3E", // Coral Clown Car
                "#3A67FF", // Electric Lightning Extravaganza Blue
                "#9A6A61", // Mocha Mayhem
                "#E525E4", // Radiant Orchid Ruckus
                "#A0C40E", // Lucky Leprechaun Lunacy
                "#C600FF", // Electric Grape Grandeur Purple
                "#FD6600", // Fiery Blaze Brouhaha
                "#26FF00", // Radioactive Rumpus Green
                "#DC3B89", // Raspberry Ripple Revelry Pink
                "#B5FF00", // Neon Limelight Lunacy
                "#B83B5E", // Watermelon Whirlwind Whimsy
                "#5D69FF", // Blueberry Bonanza Bliss
                "#FFAA00", // Sunshine Shenanigans
                "#45C146", // Froggy Frolic Fun
                "#EF72FF", // Enchanted Evening Escapade Lavender
                "#00FFB8", // Aqua Adventure Absurdity
                "#F24F00", // Fireball Frolic Orange
                "#FF8E00", // Safety Vest Shenanigans
                "#5D7DE3", // Smurf's Playground Pandemonium
                "#FF5775", // Strawberry Sundae Silliness
                "#F20048", // Flamingo Frenzy Pink
                "#64C100", // Lucky Leprechaun Lunacy
                "#FFE602", // Banana Bonanza Buffoonery
                "#009BFF", // Ocean Odyssey Oddity Blue
                "#FF8846", // Tangerine Trampoline
                "#FA00FF", // Neon Nocturnal Nonsense
                "#00FF8D", // Minty Mayhem Mischief
                "#FCAB6F", // Peachy Pandemonium
                "#FF009E", // Magenta Magic Madness
                "#D0A500", // Sunflower Smiles Shenanigans
                "#FF84E2", // Cupcake Confetti Capers
                "#00FF72", // Eco-Friendly Envy Extravaganza Green
            ];
        }
    }
}
