package academy.minicluster.labs.lab;

/** How hard a lab is for someone who has read its lesson. */
public enum Difficulty { beginner, intermediate, advanced }
